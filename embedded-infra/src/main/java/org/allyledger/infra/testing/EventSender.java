package org.allyledger.infra.testing;

import org.allyledger.contracts.CloudEventHeaders;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** Publishes CloudEvents to the real broker the way a write service's relay does, for consumer tests. */
public final class EventSender implements AutoCloseable {
    private final KafkaProducer<String, String> producer;

    public EventSender(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers), new StringSerializer(), new StringSerializer());
    }

    /** A binary-mode CloudEvent keyed and subjected by the stream id. */
    public static ProducerRecord<String, String> cloudEvent(String topic, String streamId, UUID id, String type, long version, String json) {
        return cloudEvent(topic, streamId, id, type, version, json, OffsetDateTime.now());
    }

    /**
     * As {@link #cloudEvent(String, String, UUID, String, long, String)}, at a given event time. A fixture of a published
     * type must be valid against the type's JSON Schema, so consumer tests feed only what a producer may publish; a type
     * without a schema (one a newer producer might add) passes as it is.
     *
     * @throws AssertionError naming the violations when the fixture does not fit its schema
     */
    public static ProducerRecord<String, String> cloudEvent(String topic, String streamId, UUID id, String type, long version, String json,
                                                            OffsetDateTime time) {
        if (EventSchemas.isPublished(type)) {
            var violations = EventSchemas.violations(type, json);
            if (!violations.isEmpty()) {
                throw new AssertionError("the fixture of " + type + " does not fit its schema: " + violations + " in " + json);
            }
        }
        return malformed(topic, streamId, id, type, version, json, time);
    }

    /** A record with the headers of a CloudEvent and whatever data is given, for tests of what consumers do with bad records. */
    public static ProducerRecord<String, String> malformed(String topic, String streamId, UUID id, String type, long version, String json,
                                                           OffsetDateTime time) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, streamId, json);
        header(record, CloudEventHeaders.ID, id.toString());
        header(record, CloudEventHeaders.TYPE, type);
        header(record, CloudEventHeaders.SOURCE, "/allyledger/test");
        header(record, CloudEventHeaders.SUBJECT, streamId);
        header(record, CloudEventHeaders.TIME, time.toString());
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        header(record, CloudEventHeaders.STREAM_VERSION, Long.toString(version));
        return record;
    }

    /** The published type whose contract record has this simple name, e.g. {@code CommitmentMade}. */
    public static String publishedType(String recordName) {
        return org.allyledger.contracts.published.PublishedTypes.all().entrySet().stream()
                .filter(type -> type.getValue().getSimpleName().equals(recordName)).map(java.util.Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no published record is named " + recordName));
    }

    public static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends and waits for the broker's acknowledgement. */
    public void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused " + record, e.getCause());
        }
    }

    /** Sends all at once, as a burst, and waits for the broker's acknowledgement of every one. */
    public void sendAll(java.util.List<ProducerRecord<String, String>> records) {
        java.util.List<java.util.concurrent.Future<?>> acks = records.stream().<java.util.concurrent.Future<?>>map(producer::send).toList();
        for (java.util.concurrent.Future<?> ack : acks) {
            try {
                ack.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the broker refused a record", e.getCause());
            }
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}

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

    /** As {@link #cloudEvent(String, String, UUID, String, long, String)}, at a given event time. */
    public static ProducerRecord<String, String> cloudEvent(String topic, String streamId, UUID id, String type, long version, String json,
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

    @Override
    public void close() {
        producer.close();
    }
}

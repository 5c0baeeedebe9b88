package org.allyledger.eventstore.relay;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.allyledger.api.telemetry.TraceContext;
import org.allyledger.contracts.CloudEventHeaders;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns a record routed by Debezium's EventRouter into the Kafka record we publish: same topic and key,
 * the JSON payload as value, and CloudEvents 1.0 binary-mode headers.
 */
final class CloudEventRecords {
    /** EventRouter header → CloudEvents header; the router's names are set in the relay's defaults. */
    private static final Map<String, String> ROUTED_HEADERS = Map.of(
            "id", CloudEventHeaders.ID,
            CloudEventHeaders.TYPE, CloudEventHeaders.TYPE,
            CloudEventHeaders.SUBJECT, CloudEventHeaders.SUBJECT,
            CloudEventHeaders.TIME, CloudEventHeaders.TIME,
            CloudEventHeaders.STREAM_VERSION, CloudEventHeaders.STREAM_VERSION,
            CloudEventHeaders.LOG_POSITION, CloudEventHeaders.LOG_POSITION);

    private CloudEventRecords() {
    }

    /** @param traceparent the W3C trace context of the record's send span, or null when it is not traced */
    static OutgoingKafkaRecordMetadata<String> metadata(SourceRecord routed, String source, String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : routed.headers()) {
            String name = ROUTED_HEADERS.get(header.key());
            if (name != null && header.value() != null) {
                headers.add(name, utf8(header.value().toString()));
                if (name.equals(CloudEventHeaders.STREAM_VERSION)) {
                    headers.add(CloudEventHeaders.STREAM_VERSION_ATTRIBUTE, utf8(header.value().toString()));
                }
                if (name.equals(CloudEventHeaders.TYPE)) {
                    headers.add(CloudEventHeaders.DATA_SCHEMA, utf8(CloudEventHeaders.dataSchema(header.value().toString())));
                }
            }
        }
        headers.add(CloudEventHeaders.SOURCE, utf8(source));
        headers.add(CloudEventHeaders.SPEC_VERSION, utf8(CloudEventHeaders.SPEC_VERSION_1_0));
        headers.add(CloudEventHeaders.CONTENT_TYPE, utf8(CloudEventHeaders.JSON));
        if (traceparent != null) {
            headers.add(TraceContext.HEADER, utf8(traceparent));
        }
        return OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(routed.topic())
                .withKey(routed.key() == null ? null : routed.key().toString())
                .withHeaders(headers)
                .build();
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

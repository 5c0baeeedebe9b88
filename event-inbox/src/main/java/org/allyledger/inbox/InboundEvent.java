package org.allyledger.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.allyledger.api.input.TextRules;
import org.allyledger.api.telemetry.TraceContext;
import org.allyledger.contracts.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * A CloudEvent read from Kafka in binary mode: its attributes from the headers, its JSON data from the value, and the
 * W3C {@code traceparent} of the span that sent it (null when it was not traced).
 */
public record InboundEvent(UUID id, String type, String subject, OffsetDateTime time, long streamVersion, JsonNode data,
                           String topic, int partition, long offset, String traceparent) {

    public InboundEvent(UUID id, String type, String subject, OffsetDateTime time, long streamVersion, JsonNode data,
                        String topic, int partition, long offset) {
        this(id, type, subject, time, streamVersion, data, topic, partition, offset, null);
    }

    /** @throws MalformedEventException if an attribute is missing or the value is not a JSON object */
    public static InboundEvent from(ConsumerRecord<String, String> record, ObjectMapper json) {
        String id = required(record, CloudEventHeaders.ID);
        String type = required(record, CloudEventHeaders.TYPE);
        String time = required(record, CloudEventHeaders.TIME);
        String streamVersion = header(record, CloudEventHeaders.STREAM_VERSION_ATTRIBUTE);
        if (streamVersion == null) {
            streamVersion = header(record, CloudEventHeaders.STREAM_VERSION);
        }
        try {
            JsonNode data = record.value() == null ? null : json.readTree(record.value());
            if (data == null || !data.isObject()) {
                throw new MalformedEventException("the value is not a JSON object");
            }
            OffsetDateTime eventTime = OffsetDateTime.parse(time);
            if (eventTime.getYear() < TextRules.EARLIEST.getYear() || eventTime.getYear() > TextRules.LATEST.getYear()) {
                throw new MalformedEventException("header " + CloudEventHeaders.TIME + " is outside the years "
                        + TextRules.EARLIEST.getYear() + "-" + TextRules.LATEST.getYear());
            }
            return new InboundEvent(UUID.fromString(id), type, header(record, CloudEventHeaders.SUBJECT),
                    eventTime, streamVersion == null ? 0 : Long.parseLong(streamVersion), data,
                    record.topic(), record.partition(), record.offset(), traceparent(record));
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("the value is not JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException("an attribute is malformed: " + e.getMessage());
        }
    }

    /**
     * The record's {@code traceparent}, read even where the rest of the record is not; null where it is absent or not
     * well-formed text. A malformed trace context is not the event's fault: the event is applied, in a trace of its own.
     */
    static String traceparent(ConsumerRecord<String, String> record) {
        try {
            return header(record, TraceContext.HEADER);
        } catch (MalformedEventException e) {
            return null;
        }
    }

    private static String required(ConsumerRecord<String, String> record, String name) {
        String value = header(record, name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("header " + name + " is missing");
        }
        return value;
    }

    /** A CloudEvents attribute as text: well-formed UTF-8 without control characters, as the relay writes them. */
    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        String value;
        try {
            value = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(header.value())).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedEventException("header " + name + " is not UTF-8");
        }
        String problem = TextRules.problem(value);
        if (problem != null) {
            throw new MalformedEventException("header " + name + " " + problem);
        }
        return value;
    }
}

package org.allyledger.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.allyledger.contracts.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** A CloudEvent read from Kafka in binary mode: its attributes from the headers, its JSON data from the value. */
public record InboundEvent(UUID id, String type, String subject, OffsetDateTime time, long streamVersion, JsonNode data,
                           String topic, int partition, long offset) {

    /** @throws MalformedEventException if an attribute is missing or the value is not a JSON object */
    public static InboundEvent from(ConsumerRecord<String, String> record, ObjectMapper json) {
        String id = required(record, CloudEventHeaders.ID);
        String type = required(record, CloudEventHeaders.TYPE);
        String time = required(record, CloudEventHeaders.TIME);
        String streamVersion = header(record, CloudEventHeaders.STREAM_VERSION);
        try {
            JsonNode data = record.value() == null ? null : json.readTree(record.value());
            if (data == null || !data.isObject()) {
                throw new MalformedEventException("the value is not a JSON object");
            }
            return new InboundEvent(UUID.fromString(id), type, header(record, CloudEventHeaders.SUBJECT),
                    OffsetDateTime.parse(time), streamVersion == null ? 0 : Long.parseLong(streamVersion), data,
                    record.topic(), record.partition(), record.offset());
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("the value is not JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException("an attribute is malformed: " + e.getMessage());
        }
    }

    /** A text field of the data that the event's contract requires. */
    public String text(String field) {
        JsonNode value = data.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException(type + " has no text field '" + field + "'");
        }
        return value.asText();
    }

    /** A whole number the contract requires. */
    public int number(String field) {
        JsonNode value = data.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new MalformedEventException(type + " has no whole number '" + field + "'");
        }
        return value.asInt();
    }

    /** A whole number the contract allows to be null. */
    public Integer optionalNumber(String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : number(field);
    }

    /** A date (YYYY-MM-DD) the contract requires. */
    public java.time.LocalDate date(String field) {
        try {
            return java.time.LocalDate.parse(text(field));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(type + " has no date '" + field + "'");
        }
    }

    public boolean flag(String field, boolean absent) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? absent : value.asBoolean(absent);
    }

    private static String required(ConsumerRecord<String, String> record, String name) {
        String value = header(record, name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("header " + name + " is missing");
        }
        return value;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

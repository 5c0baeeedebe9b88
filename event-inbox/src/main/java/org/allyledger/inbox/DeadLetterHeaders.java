package org.allyledger.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A record's headers as stored with its dead letter: names with base64 values, since a header may hold any bytes. */
final class DeadLetterHeaders {
    /** Not the services' strict mapper: a header name is stored as Kafka delivered it, control characters and all. */
    private static final ObjectMapper JSON = new ObjectMapper();

    record Stored(String name, String value) {
    }

    static String write(Headers headers) {
        List<Stored> stored = new ArrayList<>();
        for (Header header : headers) {
            stored.add(new Stored(header.key(), header.value() == null ? null : Base64.getEncoder().encodeToString(header.value())));
        }
        try {
            return JSON.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Headers read(String stored) {
        RecordHeaders headers = new RecordHeaders();
        try {
            for (Stored header : JSON.readValue(stored, new TypeReference<List<Stored>>() { })) {
                headers.add(header.name(), header.value() == null ? null : Base64.getDecoder().decode(header.value()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored dead-letter headers are unreadable", e);
        }
        return headers;
    }

    private DeadLetterHeaders() {
    }
}

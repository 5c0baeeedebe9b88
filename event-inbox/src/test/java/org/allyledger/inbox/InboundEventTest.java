package org.allyledger.inbox;

import org.allyledger.contracts.published.SponsorshipsV1;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.allyledger.api.input.StrictJson;
import org.allyledger.contracts.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading a record's CloudEvents attributes and data: what is accepted, and what is malformed (and so dead-lettered). */
class InboundEventTest {
    static final ObjectMapper JSON = StrictJson.configure(new ObjectMapper().findAndRegisterModules());
    static final String TYPE = SponsorshipsV1.SponsorshipPledged.TYPE;

    static ConsumerRecord<String, String> record(String value) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("allyledger.sponsorships.v1", 2, 41L, "i-1", value);
        header(record, CloudEventHeaders.ID, "7f1c2a52-6b43-4c3f-9d0e-0d7e6b1f2a11");
        header(record, CloudEventHeaders.TYPE, TYPE);
        header(record, CloudEventHeaders.SUBJECT, "i-1");
        header(record, CloudEventHeaders.TIME, "2032-03-01T09:00:00Z");
        header(record, CloudEventHeaders.STREAM_VERSION_ATTRIBUTE, "3");
        return record;
    }

    static void header(ConsumerRecord<String, String> record, String name, String value) {
        record.headers().remove(name);
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheAttributesAndTheData() {
        InboundEvent event = InboundEvent.from(record("{\"initiativeId\": \"i-1\", \"allyId\": \"a-1\", \"year\": 2032}"), JSON);

        assertEquals(UUID.fromString("7f1c2a52-6b43-4c3f-9d0e-0d7e6b1f2a11"), event.id());
        assertEquals(TYPE, event.type());
        assertEquals("i-1", event.subject());
        assertEquals(OffsetDateTime.parse("2032-03-01T09:00:00Z"), event.time());
        assertEquals(3, event.streamVersion());
        assertEquals("a-1", event.data().get("allyId").asText());
        assertEquals(2, event.partition());
        assertEquals(41, event.offset());
    }

    @Test
    void theDeprecatedStreamVersionAttributeIsStillRead() {
        ConsumerRecord<String, String> record = record("{}");
        record.headers().remove(CloudEventHeaders.STREAM_VERSION_ATTRIBUTE);
        header(record, CloudEventHeaders.STREAM_VERSION, "5");

        assertEquals(5, InboundEvent.from(record, JSON).streamVersion());
    }

    @Test
    void aMissingRequiredAttributeIsMalformed() {
        ConsumerRecord<String, String> record = record("{}");
        record.headers().remove(CloudEventHeaders.TYPE);

        MalformedEventException e = assertThrows(MalformedEventException.class, () -> InboundEvent.from(record, JSON));
        assertTrue(e.getMessage().contains(CloudEventHeaders.TYPE), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"text\"", "{\"a\": 1} {\"b\": 2}", "{not json", "null"})
    void aValueThatIsNotOneJsonObjectIsMalformed(String value) {
        assertThrows(MalformedEventException.class, () -> InboundEvent.from(record(value), JSON));
    }

    @Test
    void aMissingValueIsMalformed() {
        assertThrows(MalformedEventException.class, () -> InboundEvent.from(record(null), JSON));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+300000-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "yesterday"})
    void anEventTimeOutsideTheYearsAStoreKeepsIsMalformed(String time) {
        ConsumerRecord<String, String> record = record("{}");
        header(record, CloudEventHeaders.TIME, time);

        assertThrows(MalformedEventException.class, () -> InboundEvent.from(record, JSON));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "a\u0000b"})
    void aMalformedIdIsMalformed(String id) {
        ConsumerRecord<String, String> record = record("{}");
        header(record, CloudEventHeaders.ID, id);

        assertThrows(MalformedEventException.class, () -> InboundEvent.from(record, JSON));
    }

    @Test
    void aHeaderThatIsNotUtf8IsMalformed() {
        ConsumerRecord<String, String> record = record("{}");
        record.headers().remove(CloudEventHeaders.SUBJECT);
        record.headers().add(CloudEventHeaders.SUBJECT, new byte[]{(byte) 0xC0, (byte) 0xAF});

        MalformedEventException e = assertThrows(MalformedEventException.class, () -> InboundEvent.from(record, JSON));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void aStreamVersionThatIsNotANumberIsMalformed() {
        ConsumerRecord<String, String> record = record("{}");
        header(record, CloudEventHeaders.STREAM_VERSION_ATTRIBUTE, "three");

        assertThrows(MalformedEventException.class, () -> InboundEvent.from(record, JSON));
    }
}

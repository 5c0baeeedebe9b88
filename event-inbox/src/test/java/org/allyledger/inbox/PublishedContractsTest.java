package org.allyledger.inbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.allyledger.contracts.published.PeopleV1;
import org.allyledger.contracts.published.SponsorshipsV1;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.allyledger.inbox.InboundEventTest.JSON;
import static org.allyledger.inbox.InboundEventTest.header;
import static org.allyledger.inbox.InboundEventTest.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a consumer gets from {@link Inbox#published}: its contract record, the skip path, or a malformed event. */
class PublishedContractsTest {
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final Inbox inbox = new Inbox(null, JSON, metrics, null);

    private static InboundEvent event(String type, String data) {
        var record = record(data);
        header(record, org.allyledger.contracts.CloudEventHeaders.TYPE, type);
        return InboundEvent.from(record, JSON);
    }

    @Test
    void anEventOfTheFamilyIsReadIntoItsRecord() {
        Optional<SponsorshipsV1> published = inbox.published(event(SponsorshipsV1.SponsorshipPledged.TYPE,
                "{\"initiativeId\": \"i-1\", \"allyId\": \"a-1\", \"year\": 2032}"), SponsorshipsV1.class);

        assertEquals(Optional.of(new SponsorshipsV1.SponsorshipPledged("i-1", "a-1", 2032)), published);
    }

    @Test
    void aFieldAddedToTheContractLaterIsReadPast() {
        Optional<SponsorshipsV1> published = inbox.published(event(SponsorshipsV1.SponsorshipPledged.TYPE,
                "{\"initiativeId\": \"i-1\", \"allyId\": \"a-1\", \"year\": 2032, \"pledgedVia\": \"portal\"}"), SponsorshipsV1.class);

        assertEquals(Optional.of(new SponsorshipsV1.SponsorshipPledged("i-1", "a-1", 2032)), published);
    }

    @Test
    void aTypeThisConsumerDoesNotKnowTakesTheSkipPathAndIsCounted() {
        InboundEvent unknown = event("org.allyledger.sponsorships.SponsorshipTransferred.v1", "{\"initiativeId\": \"i-1\"}");

        assertEquals(Optional.empty(), inbox.published(unknown, SponsorshipsV1.class));
        inbox.skip("reporting.sponsorships", unknown).await().indefinitely();
        assertEquals(1.0, metrics.get("allyledger.projection.skipped").tag("type", unknown.type()).counter().count());
    }

    @Test
    void aTypeOfAnotherTopicIsNotThisFamilys() {
        InboundEvent person = event(PeopleV1.PersonDeparted.TYPE, "{\"employeeId\": \"e-1\", \"departedOn\": \"2032-01-31\"}");

        assertEquals(Optional.empty(), inbox.published(person, SponsorshipsV1.class));
    }

    @Test
    void aMissingRequiredFieldIsMalformedAndNamed() {
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> inbox.published(
                event(SponsorshipsV1.SponsorshipPledged.TYPE, "{\"initiativeId\": \"i-1\", \"year\": 2032}"), SponsorshipsV1.class));

        assertTrue(e.getMessage().contains("allyId"), e.getMessage());
    }

    @Test
    void aFieldOfTheWrongTypeIsMalformedAndNamed() {
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> inbox.published(
                event(SponsorshipsV1.SponsorshipPledged.TYPE, "{\"initiativeId\": \"i-1\", \"allyId\": \"a-1\", \"year\": \"soon\"}"),
                SponsorshipsV1.class));

        assertTrue(e.getMessage().contains("year"), e.getMessage());
    }

    @Test
    void textWithAControlCharacterIsMalformed() {
        assertThrows(MalformedEventException.class, () -> inbox.published(
                event(SponsorshipsV1.SponsorshipPledged.TYPE, "{\"initiativeId\": \"i-\\u0000\", \"allyId\": \"a-1\", \"year\": 2032}"),
                SponsorshipsV1.class));
    }

    @Test
    void aDateOutsideTheYearsAStoreKeepsIsMalformed() {
        assertThrows(MalformedEventException.class, () -> inbox.published(
                event(PeopleV1.PersonDeparted.TYPE, "{\"employeeId\": \"e-1\", \"departedOn\": \"+99999-01-01\"}"), PeopleV1.class));
    }
}

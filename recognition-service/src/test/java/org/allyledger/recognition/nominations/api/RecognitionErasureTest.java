package org.allyledger.recognition.nominations.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.allyledger.contracts.Topics;
import org.allyledger.contracts.published.PeopleV1;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.EventSender;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TestDatabase;
import org.allyledger.infra.testing.TopicReader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import static org.allyledger.recognition.RecognitionApi.asAdmin;
import static org.allyledger.recognition.RecognitionApi.asEmployee;
import static org.allyledger.recognition.RecognitionApi.newPerson;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Citations and endorsement notes are sealed under the person's key here too, never published, and unreadable once the
 * people topic says the person's personal data was erased.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "recognition"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class RecognitionErasureTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void anErasureOnThePeopleTopicMakesTheNomineesCitationUnreadable() {
        String mark = UUID.randomUUID().toString().substring(0, 8);
        String citation = "She chaired the accessibility review with great care-" + mark;
        String note = "Saw it myself-" + mark;
        String nominator = newPerson(kafka);
        String nominee = newPerson(kafka);
        String endorser = newPerson(kafka);
        String id = asEmployee(nominator).body("""
                {"nomineeId": "%s", "awardMonth": "%s", "categories": ["ACTIVE_BYSTANDER"], "citation": "%s", "anonymous": false}"""
                .formatted(nominee, YearMonth.now(), citation)).post("/nominations").then().statusCode(201)
                .body("citation", equalTo(citation)).extract().path("id");
        asEmployee(endorser).body("{\"note\": \"%s\"}".formatted(note)).post("/nominations/{id}/endorsements", id).then().statusCode(200)
                .body("citation", equalTo(citation));

        for (String secret : List.of(citation, note)) {
            assertEquals("0", TestDatabase.value("select count(*) from events where payload::text like ?", "%" + secret + "%"), secret);
        }
        try (TopicReader recognition = new TopicReader(kafka, Topics.RECOGNITION)) {
            recognition.await(TopicReader.keyed(id), 2, ARRIVAL);
            assertTrue(recognition.toEnd(ARRIVAL).stream().noneMatch(r -> r.value().contains(mark)), "a citation or note was published");
        }

        try (EventSender events = new EventSender(kafka)) {
            events.send(EventSender.cloudEvent(Topics.PEOPLE, nominee, UUID.randomUUID(), PeopleV1.PersonalDataErased.TYPE, 2,
                    "{\"employeeId\": \"%s\"}".formatted(nominee)));
        }
        await().atMost(ARRIVAL).untilAsserted(() -> asAdmin().get("/nominations/{id}", id).then().statusCode(200)
                .body("citation", nullValue()));
        asAdmin().get("/nominations/{id}", id).then().body("nomineeId", equalTo(nominee)).body("endorsers.size()", equalTo(1));
        assertEquals("0", TestDatabase.value("select count(*) from person_data_keys where employee_id = ?", nominee));
    }
}

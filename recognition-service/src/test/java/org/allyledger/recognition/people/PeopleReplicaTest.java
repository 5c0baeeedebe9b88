package org.allyledger.recognition.people;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.allyledger.api.auth.Roles;
import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.infra.testing.TestTokens;
import org.allyledger.infra.testing.EventSender;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.allyledger.infra.testing.PeopleEvents.departed;
import static org.allyledger.infra.testing.PeopleEvents.person;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** recognition-service's replica of the people directory, fed from the real people topic. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "recognition"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class PeopleReplicaTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.token("admin-1", Roles.PROGRAM_ADMIN));
    }

    @Test
    void aRegisteredPersonBecomesActiveAndADepartedOneInactive() {
        String id = "p-" + UUID.randomUUID();
        asAdmin().get("/people/{id}/eligibility", id).then().statusCode(200).body("active", equalTo(false));

        try (EventSender events = new EventSender(kafka)) {
            events.send(person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, id, 1, "Engineering", true));
            await().atMost(ARRIVAL).untilAsserted(() ->
                    asAdmin().get("/people/{id}/eligibility", id).then().body("active", equalTo(true)));

            events.send(departed(UUID.randomUUID(), id, 2));
            await().atMost(ARRIVAL).untilAsserted(() ->
                    asAdmin().get("/people/{id}/eligibility", id).then().body("active", equalTo(false)));
        }
    }

    @Test
    void anOlderVersionDeliveredLateDoesNotUndoANewerOne() {
        String id = "p-" + UUID.randomUUID();
        String marker = "p-" + UUID.randomUUID();
        try (EventSender events = new EventSender(kafka)) {
            events.send(person(UUID.randomUUID(), PeopleEventTypes.PERSON_UPDATED, id, 2, "Engineering", false));
            events.send(person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, id, 1, "Engineering", true));
            events.send(person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, marker, 1, "Engineering", true));
        }
        // the marker shares no partition guarantee with id; wait for both to settle through it and the poll
        await().atMost(ARRIVAL).untilAsserted(() ->
                asAdmin().get("/people/{id}/eligibility", marker).then().body("active", equalTo(true)));
        await().during(Duration.ofSeconds(1)).atMost(ARRIVAL).untilAsserted(() ->
                asAdmin().get("/people/{id}/eligibility", id).then().body("active", equalTo(false)));
    }

    @Test
    void theServiceIsReadyOnceItsRelayRuns() {
        await().atMost(ARRIVAL).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'event-relay' }.data.state", equalTo("PUBLISHING")));
    }
}

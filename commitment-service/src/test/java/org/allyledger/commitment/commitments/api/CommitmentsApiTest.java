package org.allyledger.commitment.commitments.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.allyledger.commitment.MovableClock;
import org.allyledger.contracts.CloudEventHeaders;
import org.allyledger.contracts.Topics;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.allyledger.commitment.Api.action;
import static org.allyledger.commitment.Api.asAdmin;
import static org.allyledger.commitment.Api.asEmployee;
import static org.allyledger.commitment.Api.asHr;
import static org.allyledger.commitment.Api.commitment;
import static org.allyledger.commitment.Api.newPerson;
import static org.allyledger.infra.testing.TopicReader.header;
import static org.allyledger.infra.testing.TopicReader.keyed;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The commitment lifecycle through the REST API, and its events on the commitments topic. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "commitment"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class CommitmentsApiTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    MovableClock clock;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void anAllyMakesACommitmentLogsActionsAndItIsFulfilledAutomatically() {
        String ally = newPerson("Engineering");
        String id = asEmployee(ally).body(commitment(2, "PRIVATE")).post("/commitments")
                .then().statusCode(201).header("ETag", "\"1\"").body("status", equalTo("ACTIVE")).body("allyId", equalTo(ally))
                .extract().path("id");

        asEmployee(ally).body(action("READING", LocalDate.now(), null)).post("/commitments/{id}/actions", id)
                .then().statusCode(201).header("ETag", "\"2\"").body("commitment.actionsLogged", equalTo(1)).body("actionId", notNullValue());
        asEmployee(ally).body(action("MENTORING_SESSION", LocalDate.now().minusDays(1), null)).post("/commitments/{id}/actions", id)
                .then().statusCode(201).header("ETag", "\"4\"").body("commitment.status", equalTo("FULFILLED"));

        asEmployee(ally).body(action("READING", LocalDate.now(), null)).post("/commitments/{id}/actions", id)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://allyledger.org/problems/commitment-closed"));

        try (TopicReader commitments = new TopicReader(kafka, Topics.COMMITMENTS)) {
            List<ConsumerRecord<String, String>> events = commitments.await(keyed(id), 4, ARRIVAL);
            assertEquals(List.of("CommitmentMade", "ActionLogged", "ActionLogged", "CommitmentFulfilled"),
                    events.stream().map(e -> header(e, CloudEventHeaders.TYPE).split("\\.")[3]).toList());
            assertEquals(id, header(events.get(0), CloudEventHeaders.SUBJECT));
            assertEquals("/allyledger/commitment-service", header(events.get(0), CloudEventHeaders.SOURCE));
        }
    }

    @Test
    void anHrSystemLogsATrainingForAnAllyOnceHoweverOftenItResendsIt() {
        String ally = newPerson("Engineering");
        String id = asHr().body(commitment(3, "PRIVATE").replace("{", "{\"allyId\": \"" + ally + "\", ")).post("/commitments")
                .then().statusCode(201).extract().path("id");

        String first = asHr().body(action("TRAINING_COMPLETED", LocalDate.now(), "lms-77")).post("/commitments/{id}/actions", id)
                .then().statusCode(201).extract().path("actionId");
        asHr().body(action("TRAINING_COMPLETED", LocalDate.now(), "lms-77")).post("/commitments/{id}/actions", id)
                .then().statusCode(200).body("duplicate", equalTo(true)).body("actionId", equalTo(first))
                .body("commitment.actionsLogged", equalTo(1)).header("ETag", "\"2\"");
    }

    @Test
    void anActionOutsideThePeriodOrInTheFutureIsA422NamingTheDate() {
        String ally = newPerson("Engineering");
        String id = asEmployee(ally).body(commitment(3, "PRIVATE")).post("/commitments").then().statusCode(201).extract().path("id");

        asEmployee(ally).body(action("READING", LocalDate.now().plusDays(1), null)).post("/commitments/{id}/actions", id)
                .then().statusCode(422).body("errors[0].field", equalTo("occurredOn"));
        asEmployee(ally).body(action("READING", LocalDate.now().minusDays(31), null)).post("/commitments/{id}/actions", id)
                .then().statusCode(422).body("errors[0].field", equalTo("occurredOn"));
    }

    @Test
    void amendWithdrawAndTheirIfMatch() {
        String ally = newPerson("Engineering");
        String id = asEmployee(ally).body(commitment(3, "PRIVATE")).post("/commitments").then().statusCode(201).extract().path("id");

        asEmployee(ally).header("If-Match", "\"1\"").body("{\"targetActions\": 5, \"reason\": \"more\"}")
                .post("/commitments/{id}/amendments", id).then().statusCode(200).header("ETag", "\"2\"").body("targetActions", equalTo(5));
        asEmployee(ally).header("If-Match", "\"1\"").body("{\"reason\": \"stale\"}")
                .post("/commitments/{id}/withdrawal", id).then().statusCode(409);
        asEmployee(ally).header("If-Match", "\"2\"").body("{\"reason\": \"changed roles\"}")
                .post("/commitments/{id}/withdrawal", id).then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        asEmployee(ally).body("{\"targetActions\": 6}").post("/commitments/{id}/amendments", id).then().statusCode(409);
    }

    @Test
    void aVersionAheadOfTheStreamInIfMatchIsAConflictAndWritesNothing() {
        String ally = newPerson("Engineering");
        String id = asEmployee(ally).body(commitment(3, "PRIVATE")).post("/commitments").then().statusCode(201).extract().path("id");

        asEmployee(ally).header("If-Match", "\"7\"").body("{\"targetActions\": 5, \"reason\": \"more\"}")
                .post("/commitments/{id}/amendments", id).then().statusCode(409).body("type", containsString("concurrent-modification"));
        asEmployee(ally).get("/commitments/{id}", id).then().statusCode(200).header("ETag", "\"1\"").body("targetActions", equalTo(3));
    }

    @Test
    void theLapseSweepLapsesEndedCommitmentsOnceAndTheyRenewIntoALinkedOne() {
        String ally = newPerson("Engineering");
        String id = asEmployee(ally).body(commitment(3, "ORGANISATION")).post("/commitments").then().statusCode(201).extract().path("id");
        asAdmin().post("/commitments/lapse-sweeps").then().statusCode(200);
        asEmployee(ally).get("/commitments/{id}", id).then().body("status", equalTo("ACTIVE"));

        clock.advance(Duration.ofDays(32));
        asAdmin().post("/commitments/lapse-sweeps").then().statusCode(200).body("lapsed", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        asEmployee(ally).get("/commitments/{id}", id).then().body("status", equalTo("LAPSED")).header("ETag", "\"2\"");
        asAdmin().post("/commitments/lapse-sweeps").then().statusCode(200);
        asEmployee(ally).get("/commitments/{id}", id).then().header("ETag", "\"2\"");

        LocalDate today = LocalDate.now().plusDays(32);
        String renewed = asEmployee(ally).body("{\"startsOn\": \"%s\", \"endsOn\": \"%s\"}".formatted(today, today.plusMonths(3)))
                .post("/commitments/{id}/renewal", id).then().statusCode(201)
                .body("renewedFrom", equalTo(id)).body("status", equalTo("ACTIVE")).extract().path("id");
        asEmployee(ally).get("/commitments/{id}", id).then().body("renewedAs", equalTo(renewed));
        asEmployee(ally).body("{\"startsOn\": \"%s\", \"endsOn\": \"%s\"}".formatted(today, today.plusMonths(3)))
                .post("/commitments/{id}/renewal", id).then().statusCode(409);
    }

    @Test
    void othersSeeOnlyPublicCommitmentsAndListsArePaged() {
        String ally = newPerson("Engineering");
        String colleague = newPerson("Engineering");
        String open = asEmployee(ally).body(commitment(1, "ORGANISATION")).post("/commitments").then().statusCode(201).extract().path("id");
        String secret = asEmployee(ally).body(commitment(1, "PRIVATE")).post("/commitments").then().statusCode(201).extract().path("id");
        asEmployee(ally).body(commitment(1, "ORGANISATION")).post("/commitments").then().statusCode(201);

        asEmployee(colleague).get("/commitments/{id}", open).then().statusCode(200);
        asEmployee(colleague).get("/commitments/{id}", secret).then().statusCode(403).contentType("application/problem+json");
        asEmployee(colleague).get("/people/{ally}/commitments", ally).then().statusCode(200).body("items", hasSize(2));

        String next = asEmployee(ally).queryParam("limit", 2).get("/people/{ally}/commitments", ally)
                .then().statusCode(200).body("items", hasSize(2)).body("items[0].id", equalTo(open)).extract().path("next");
        asEmployee(ally).queryParam("limit", 2).queryParam("cursor", next).get("/people/{ally}/commitments", ally)
                .then().statusCode(200).body("items", hasSize(1)).body("next", nullValue());
    }

    @Test
    void aDepartedPersonCannotCommit() {
        String ally = newPerson("Engineering");
        asHr().body("{}").post("/people/{id}/departure", ally).then().statusCode(200).body("active", equalTo(false));
        asEmployee(ally).body(commitment(1, "PRIVATE")).post("/commitments")
                .then().statusCode(422).body("errors[0].field", equalTo("allyId"));
    }

    @Test
    void anEmployeeCannotActForAnother() {
        String ally = newPerson("Engineering");
        String other = newPerson("Engineering");
        asEmployee(other).body(commitment(1, "PRIVATE").replace("{", "{\"allyId\": \"" + ally + "\", ")).post("/commitments")
                .then().statusCode(403);
        String id = asEmployee(ally).body(commitment(2, "ORGANISATION")).post("/commitments").then().statusCode(201).extract().path("id");
        asEmployee(other).body(action("READING", LocalDate.now(), null)).post("/commitments/{id}/actions", id).then().statusCode(403);
    }
}

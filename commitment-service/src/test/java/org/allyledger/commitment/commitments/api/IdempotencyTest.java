package org.allyledger.commitment.commitments.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.allyledger.contracts.Topics;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TopicReader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.allyledger.commitment.Api.action;
import static org.allyledger.commitment.Api.asEmployee;
import static org.allyledger.commitment.Api.commitment;
import static org.allyledger.commitment.Api.newPerson;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A POST retried with its Idempotency-Key answers as the first time and writes nothing new. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "commitment"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class IdempotencyTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aRetriedPostReplaysTheFirstResponseAndPublishesOnce() {
        String ally = newPerson("Engineering");
        String key = UUID.randomUUID().toString();
        Response first = asEmployee(ally).header("Idempotency-Key", key).body(commitment(2, "PRIVATE")).post("/commitments");
        first.then().statusCode(201);
        String id = first.path("id");

        asEmployee(ally).header("Idempotency-Key", key).body(commitment(2, "PRIVATE")).post("/commitments")
                .then().statusCode(201).header("Idempotent-Replayed", "true").header("ETag", "\"1\"")
                .header("Location", first.header("Location")).body("id", equalTo(id));

        // the ally has one commitment; the sentinel (an action on it, version 2) comes behind everything it published
        asEmployee(ally).get("/people/{ally}/commitments", ally).then().statusCode(200).body("items.size()", equalTo(1));
        asEmployee(ally).body(action("READING", LocalDate.now(), null)).post("/commitments/{id}/actions", id).then().statusCode(201);
        try (TopicReader commitments = new TopicReader(kafka, Topics.COMMITMENTS)) {
            assertEquals(1, commitments.beforeSentinel(TopicReader.keyed(id), TopicReader.version(id, 2), Duration.ofSeconds(30)).size());
        }
    }

    @Test
    void aRetryAfterTheCommitmentChangedReplaysTheFirstAnswerAndWritesNothing() {
        String ally = newPerson("Engineering");
        String id = asEmployee(ally).body(commitment(10, "PRIVATE")).post("/commitments").then().statusCode(201).extract().path("id");
        String key = UUID.randomUUID().toString();
        String body = action("READING", LocalDate.now(), null);
        String actionId = asEmployee(ally).header("Idempotency-Key", key).body(body).post("/commitments/{id}/actions", id)
                .then().statusCode(201).header("ETag", "\"2\"").extract().path("actionId");
        asEmployee(ally).body("{\"reason\": \"changed roles\"}").post("/commitments/{id}/withdrawal", id).then().statusCode(200);

        // an action on a withdrawn commitment is refused, but this one was logged before: the retry gets its answer
        asEmployee(ally).header("Idempotency-Key", key).body(body).post("/commitments/{id}/actions", id)
                .then().statusCode(201).header("Idempotent-Replayed", "true").header("ETag", "\"2\"").body("actionId", equalTo(actionId));
        asEmployee(ally).get("/commitments/{id}", id).then().statusCode(200).header("ETag", "\"3\"").body("actionsLogged", equalTo(1));
    }

    @Test
    void theSameKeyForAnotherRequestIsRefused() {
        String ally = newPerson("Engineering");
        String key = UUID.randomUUID().toString();
        asEmployee(ally).header("Idempotency-Key", key).body(commitment(2, "PRIVATE")).post("/commitments").then().statusCode(201);
        asEmployee(ally).header("Idempotency-Key", key).body(commitment(3, "PRIVATE")).post("/commitments")
                .then().statusCode(422).body("type", equalTo("https://allyledger.org/problems/idempotency-key-reused"));
    }

    @Test
    void concurrentRetriesWithOneKeyLogOneAction() throws Exception {
        String ally = newPerson("Engineering");
        String id = asEmployee(ally).body(commitment(10, "PRIVATE")).post("/commitments").then().statusCode(201).extract().path("id");
        String key = UUID.randomUUID().toString();
        String body = action("READING", LocalDate.now(), null);

        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> retries = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                retries.add(() -> asEmployee(ally).header("Idempotency-Key", key).body(body)
                        .post("/commitments/{id}/actions", id).then().statusCode(201).extract().path("actionId"));
            }
            List<String> actionIds = new ArrayList<>();
            for (Future<String> actionId : clients.invokeAll(retries)) {
                actionIds.add(actionId.get());
            }
            assertEquals(1, actionIds.stream().distinct().count(), actionIds.toString());
        } finally {
            clients.shutdown();
        }
        asEmployee(ally).get("/commitments/{id}", id).then().body("actionsLogged", equalTo(1));
    }

    @Test
    void concurrentActionsWithoutIfMatchAreAllLogged() throws Exception {
        String ally = newPerson("Engineering");
        String id = asEmployee(ally).body(commitment(10, "PRIVATE")).post("/commitments").then().statusCode(201).extract().path("id");
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Integer>> actions = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                actions.add(() -> asEmployee(ally).body(action("READING", LocalDate.now(), null))
                        .post("/commitments/{id}/actions", id).statusCode());
            }
            for (Future<Integer> status : clients.invokeAll(actions)) {
                assertEquals(201, status.get());
            }
        } finally {
            clients.shutdown();
        }
        asEmployee(ally).get("/commitments/{id}", id).then().body("actionsLogged", equalTo(3)).header("ETag", "\"4\"");
    }
}

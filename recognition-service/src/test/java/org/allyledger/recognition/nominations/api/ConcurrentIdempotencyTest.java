package org.allyledger.recognition.nominations.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.allyledger.recognition.RecognitionApi.asEmployee;
import static org.allyledger.recognition.RecognitionApi.newPerson;
import static org.allyledger.recognition.RecognitionApi.nomination;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Requests sent at once with one Idempotency-Key all get the first one's answer, never another rule's refusal. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "recognition"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class ConcurrentIdempotencyTest {
    private static final int CLIENTS = 20;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void twentyConcurrentNominationsWithOneKeyAllGetTheFirstAnswerAndOneNominationExists() throws Exception {
        String nominator = newPerson(kafka);
        String nominee = newPerson(kafka);
        String key = UUID.randomUUID().toString();
        String body = nomination(nominee, YearMonth.now(), false);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                answers.add(clients.submit(() -> {
                    start.await();
                    return asEmployee(nominator).header("Idempotency-Key", key).body(body).post("/nominations");
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                statuses.add(response.statusCode());
                ids.add(response.statusCode() == 201 ? response.path("id") : response.asString());
            }
            assertEquals(List.of(201), statuses.stream().distinct().toList(), "every client gets the first answer: " + ids);
            assertEquals(1, ids.stream().distinct().count(), "one nomination: " + ids);
        } finally {
            clients.shutdownNow();
        }
        asEmployee(nominator).queryParam("month", YearMonth.now().toString()).queryParam("limit", 200).get("/nominations").then().statusCode(200)
                .body("items.findAll { it.nomineeId == '" + nominee + "' }.size()", org.hamcrest.Matchers.equalTo(1));
    }
}

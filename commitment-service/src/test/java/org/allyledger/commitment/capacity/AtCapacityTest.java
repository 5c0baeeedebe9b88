package org.allyledger.commitment.capacity;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.allyledger.commitment.Api.asHr;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * A service at capacity refuses what it cannot take at once, rather than queueing requests without end: with its one
 * pooled connection busy and no request allowed to wait for it, a command is answered {@code 503 busy} and writes
 * nothing; the same command succeeds once the connection is free. A refusal is logged by nobody: the pool's timer
 * for the refused wait, which still fires when the wait would have ended, reports no error.
 */
@QuarkusTest
@TestProfile(AtCapacityTest.OneConnectionNoWaiting.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "commitment"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class AtCapacityTest {

    public static class OneConnectionNoWaiting implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", "1", "allyledger.db.max-waiting", "0");
        }
    }

    @Inject
    Pool pool;

    static final String PERSON = """
            {"displayName": "Test Ally", "email": "ally@example.org", "department": "Research",
             "location": "Lisbon", "workModel": "REMOTE"}""";

    @Test
    void aCommandWhileEveryConnectionIsTakenIsRefusedBusyAndWritesNothing() {
        String id = "e-" + UUID.randomUUID().toString().substring(0, 8);
        withTheOnlyConnectionTaken(pool, () -> asHr().body(PERSON).put("/people/{id}", id)
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(503))
                .body("type", endsWith("/busy")));

        asHr().get("/people/{id}", id).then().statusCode(404);
        asHr().body(PERSON).put("/people/{id}", id).then().statusCode(201);
    }

    @Test
    void aRefusalLeavesNoErrorInTheLogWhenItsWaitWouldHaveEnded() {
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            withTheOnlyConnectionTaken(pool, () -> {
                asHr().body(PERSON).put("/people/{id}", "e-" + UUID.randomUUID().toString().substring(0, 8))
                        .then().statusCode(503).body("type", endsWith("/busy"));
                // the pool's wait for a connection would have ended after allyledger.db.max-wait (5 s by default)
                await().during(Duration.ofSeconds(33)).atMost(Duration.ofSeconds(40))
                        .until(() -> errors.stream().map(LogRecord::getMessage).toList(), List::isEmpty);
            });
        } finally {
            root.removeHandler(capture);
        }
    }

    /** Runs {@code whileTaken} with the pool's only connection held, and frees it after. */
    static void withTheOnlyConnectionTaken(Pool pool, Runnable whileTaken) {
        SqlConnection taken = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            whileTaken.run();
        } finally {
            taken.close().await().atMost(Duration.ofSeconds(10));
        }
    }
}

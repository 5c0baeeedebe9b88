package org.allyledger.commitment.capacity;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.allyledger.commitment.Api.asHr;
import static org.allyledger.commitment.capacity.AtCapacityTest.PERSON;
import static org.allyledger.commitment.capacity.AtCapacityTest.withTheOnlyConnectionTaken;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/**
 * A request waits for a database connection only as long as {@code allyledger.db.max-wait} lets it: with the one
 * pooled connection held longer than that, a command that found a waiting place is answered {@code 503 busy} with
 * {@code Retry-After} when its wait runs out, and writes nothing; once the connection is free, it succeeds.
 */
@QuarkusTest
@TestProfile(WaitLimitTest.OneConnectionShortWait.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "commitment"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class WaitLimitTest {

    public static class OneConnectionShortWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", "1", "allyledger.db.max-wait", "1s");
        }
    }

    @Inject
    Pool pool;

    @Test
    void aCommandThatWaitsLongerThanTheLimitIsRefusedBusyAndWritesNothing() {
        String id = "w-" + UUID.randomUUID().toString().substring(0, 8);
        withTheOnlyConnectionTaken(pool, () -> asHr().body(PERSON).put("/people/{id}", id)
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("1"))
                .body("status", equalTo(503))
                .body("type", endsWith("/busy")));

        asHr().get("/people/{id}", id).then().statusCode(404);
        asHr().body(PERSON).put("/people/{id}", id).then().statusCode(201);
    }
}

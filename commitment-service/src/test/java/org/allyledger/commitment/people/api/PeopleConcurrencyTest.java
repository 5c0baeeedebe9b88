package org.allyledger.commitment.people.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.allyledger.commitment.people.domain.PeopleStream;
import org.allyledger.commitment.people.domain.PersonEvent;
import org.allyledger.commitment.people.domain.PersonProfile;
import org.allyledger.commitment.people.domain.WorkModel;
import org.allyledger.eventstore.ConcurrencyConflictException;
import org.allyledger.eventstore.EventMetadata;
import org.allyledger.eventstore.EventStore;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.allyledger.commitment.people.api.PeoplePublicationTest.asHr;
import static org.allyledger.commitment.people.api.PeoplePublicationTest.newEmployeeId;
import static org.allyledger.commitment.people.api.PeoplePublicationTest.person;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "commitment"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class PeopleConcurrencyTest {

    @Inject
    EventStore store;

    @Inject
    PeopleStream people;

    @RepeatedTest(5)
    void twoConcurrentAppendsAtTheSameExpectedVersionGiveOneSuccessAndOneConflict() {
        String id = newEmployeeId();
        PersonProfile profile = new PersonProfile("Grace", "grace@example.org", "Engineering", "NYC", WorkModel.ONSITE, null, true);
        List<PersonEvent> events = List.of(new PersonEvent.PersonRegistered(id, profile.displayName(), profile.email(),
                profile.department(), profile.location(), profile.workModel(), null, true));

        List<Object> outcomes = Uni.join().all(
                        outcome(store.append(people, id, 0, events, new EventMetadata("test", id, "a"))),
                        outcome(store.append(people, id, 0, events, new EventMetadata("test", id, "b"))))
                .andCollectFailures().await().indefinitely();

        assertEquals(1, outcomes.stream().filter(o -> o instanceof Long).count(), outcomes.toString());
        assertInstanceOf(ConcurrencyConflictException.class, outcomes.stream().filter(o -> !(o instanceof Long)).findFirst().orElseThrow());
        assertEquals(1, store.load(people, id).await().indefinitely().version());
    }

    /** The new version on success, the failure otherwise. */
    private static Uni<Object> outcome(Uni<Long> append) {
        return append.map(Object.class::cast).onFailure().recoverWithItem(failure -> failure);
    }

    @Test
    void concurrentUpdatesAtTheSameIfMatchGiveOneSuccessAndOne409() throws Exception {
        String id = newEmployeeId();
        asHr().contentType(ContentType.JSON).body(person("Engineering")).put("/people/{id}", id).then().statusCode(201);

        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> updates = List.of(
                    () -> asHr().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(person("Research"))
                            .put("/people/{id}", id).statusCode(),
                    () -> asHr().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(person("Sales"))
                            .put("/people/{id}", id).statusCode());
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : clients.invokeAll(updates)) {
                statuses.add(status.get());
            }
            assertEquals(List.of(200, 409), statuses.stream().sorted().toList());
        } finally {
            clients.shutdown();
        }
        asHr().get("/people/{id}", id).then().statusCode(200).header("ETag", "\"2\"");
    }

    @Test
    void aStaleIfMatchIsA409Problem() {
        String id = newEmployeeId();
        asHr().contentType(ContentType.JSON).body(person("Engineering")).put("/people/{id}", id).then().statusCode(201);
        asHr().contentType(ContentType.JSON).body(person("Research")).put("/people/{id}", id).then().statusCode(200);

        asHr().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(person("Sales")).put("/people/{id}", id)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://allyledger.org/problems/concurrent-modification"));
        asHr().get("/people/{id}", id).then().body("department", equalTo("Research"));
    }

    @Test
    void anIfMatchAheadOfTheStreamIsA409AndLeavesNoGap() {
        String id = newEmployeeId();
        asHr().contentType(ContentType.JSON).body(person("Engineering")).put("/people/{id}", id).then().statusCode(201);

        asHr().contentType(ContentType.JSON).header("If-Match", "\"7\"").body(person("Sales")).put("/people/{id}", id)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://allyledger.org/problems/concurrent-modification"));
        asHr().get("/people/{id}", id).then().header("ETag", "\"1\"").body("department", equalTo("Engineering"));
        asHr().contentType(ContentType.JSON).body(person("Research")).put("/people/{id}", id).then().statusCode(200).header("ETag", "\"2\"");
    }
}

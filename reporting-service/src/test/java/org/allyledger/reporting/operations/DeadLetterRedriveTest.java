package org.allyledger.reporting.operations;

import java.time.OffsetDateTime;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.allyledger.api.auth.Roles;
import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.contracts.Topics;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.EventSender;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PeopleEvents;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TestDatabase;
import org.allyledger.infra.testing.TestTokens;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dead letters are operable: listed, re-driven through the same inbox once the cause is fixed, counted in the metrics. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class DeadLetterRedriveTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    /**
     * A record the database refuses (here: a check constraint an operator added by mistake) is dead-lettered at once with
     * the SQLSTATE; once the constraint is dropped, re-driving applies it, and re-driving again changes nothing.
     */
    @Test
    void aDeadLetterWhoseCauseWasFixedIsAppliedOnceByItsRedrive() {
        String blocked = "Blocked-" + UUID.randomUUID().toString().substring(0, 8);
        String marker = "Marker-" + UUID.randomUUID().toString().substring(0, 8);
        ProducerRecord<String, String> record = PeopleEvents.person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED,
                "p-" + UUID.randomUUID().toString().substring(0, 8), 1, blocked, true);
        String people = TestDatabase.value("select schema_name from projection_generations where projection = ?", "reporting.people") + ".people";
        TestDatabase.execute("alter table " + people + " add constraint redrive_test_block check (department not like 'Blocked-%')");
        try {
            try (EventSender events = new EventSender(kafka)) {
                events.send(record);
                events.send(PeopleEvents.person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, "p-" + UUID.randomUUID(), 1, marker, true));
            }
            await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf(marker)));
        } finally {
            TestDatabase.execute("alter table " + people + " drop constraint redrive_test_block");
        }
        assertEquals(0, headcountOf(blocked));
        long id = admin().queryParam("consumer", "reporting.people").queryParam("limit", 500).get("/ops/dead-letters").then().statusCode(200)
                .extract().jsonPath().getLong("items.find { it.key == '" + record.key() + "' }.id");
        admin().get("/ops/dead-letters/{id}", id).then().statusCode(200).body("status", equalTo("DEAD")).body("attempts", equalTo(1))
                .body("reason", containsString("SQLSTATE 23514")).body("value", equalTo(record.value()))
                .body("headers.ce_type", equalTo(PeopleEventTypes.PERSON_REGISTERED));

        admin().post("/ops/dead-letters/{id}/redrive", id).then().statusCode(200).body("status", equalTo("REDRIVEN"));
        assertEquals(1, headcountOf(blocked));

        // re-driving again changes nothing, even once marked dead again: the inbox knows the event
        admin().post("/ops/dead-letters/{id}/redrive", id).then().statusCode(200).body("status", equalTo("REDRIVEN"));
        TestDatabase.execute("update dead_letters set status = 'DEAD' where id = " + id);
        admin().post("/ops/dead-letters/{id}/redrive", id).then().statusCode(200).body("status", equalTo("REDRIVEN"));
        assertEquals(1, headcountOf(blocked));
    }

    @Test
    void aDeadLetterThatStillFailsStaysDeadWithItsNewReasonAndCountsInTheMetrics() {
        String key = "still-broken-" + UUID.randomUUID();
        String department = "AfterBroken-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventSender events = new EventSender(kafka)) {
            events.send(EventSender.malformed(Topics.PEOPLE, key, UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, 1, "{not json", OffsetDateTime.now()));
            events.send(PeopleEvents.person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, "p-" + UUID.randomUUID(), 1, department, true));
        }
        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf(department)));
        JsonPath page = admin().queryParam("consumer", "reporting.people").queryParam("status", "DEAD").queryParam("limit", 500)
                .get("/ops/dead-letters").then().statusCode(200).extract().jsonPath();
        long id = page.getLong("items.find { it.key == '" + key + "' }.id");

        admin().post("/ops/dead-letters/{id}/redrive", id).then().statusCode(422).contentType("application/problem+json")
                .body("type", containsString("redrive-failed")).body("detail", containsString("not JSON"));
        admin().get("/ops/dead-letters/{id}", id).then().statusCode(200).body("status", equalTo("DEAD")).body("attempts", equalTo(2));
        admin().queryParam("consumer", "reporting.people").post("/ops/dead-letters/redrive").then().statusCode(200)
                .body("consumer", equalTo("reporting.people"));
        admin().get("/ops/dead-letters/{id}", id).then().body("status", equalTo("DEAD"));

        await().atMost(ARRIVAL).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith("allyledger_dead_letters{consumer=\"reporting.people\"")
                    && Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) >= 1), "dead-letter count");
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith("allyledger_dead_letters_oldest_age_seconds{consumer=\"reporting.people\"")
                    && Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) > 0), "age of the oldest dead letter");
            assertTrue(metrics.contains("allyledger_dead_letters{consumer=\"reporting.commitments\"} 0.0")
                    || metrics.contains("allyledger_dead_letters{consumer=\"reporting.commitments\""), "every consumer has its gauge");
        });
    }

    @Test
    void unknownDeadLettersAndConsumersAreProblems() {
        admin().get("/ops/dead-letters/{id}", 987654321).then().statusCode(404).contentType("application/problem+json");
        admin().get("/ops/dead-letters/abc").then().statusCode(400).contentType("application/problem+json");
        admin().queryParam("consumer", "reporting.nothing").post("/ops/dead-letters/redrive").then().statusCode(404);
        admin().queryParam("status", "ALIVE").get("/ops/dead-letters").then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    private static long headcountOf(String department) {
        JsonPath report = given().auth().oauth2(TestTokens.token("analyst-1", Roles.ANALYST)).get("/reports/headcount").then().statusCode(200)
                .extract().jsonPath();
        return report.getList("byDepartment.findAll { it.name == '" + department + "' }.headcount", Long.class)
                .stream().mapToLong(Long::longValue).sum();
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.token("admin-1", Roles.PROGRAM_ADMIN));
    }
}

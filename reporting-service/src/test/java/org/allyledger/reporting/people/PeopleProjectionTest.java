package org.allyledger.reporting.people;

import java.time.OffsetDateTime;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.contracts.Topics;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TopicReader;
import org.allyledger.api.auth.Roles;
import org.allyledger.infra.testing.EventSender;
import org.allyledger.infra.testing.TestTokens;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.allyledger.infra.testing.PeopleEvents.departed;
import static org.allyledger.infra.testing.PeopleEvents.person;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The people projection, fed through the real broker as commitment-service's relay would feed it. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class PeopleProjectionTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private EventSender events;
    private String department;

    @BeforeEach
    void connect() {
        events = new EventSender(kafka);
        department = "Dept-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void disconnect() {
        events.close();
    }

    private void send(ProducerRecord<String, String> record) {
        events.send(record);
    }

    @Test
    void aRegisteredPersonCountsInTheirDepartmentLocationAndWorkModel() {
        send(person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, "p-" + UUID.randomUUID(), 1, department, true));

        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf("byDepartment", department)));
        JsonPath report = given().auth().oauth2(TestTokens.token("analyst-1", Roles.ANALYST)).get("/reports/headcount").then().statusCode(200).extract().jsonPath();
        assertTrue(report.getLong("total") >= 1);
        assertTrue(report.getList("byWorkModel.name").contains("REMOTE"));
        assertTrue(report.getList("byLocation.name").contains("Lisbon"));
        String csv = given().auth().oauth2(TestTokens.token("analyst-1", Roles.ANALYST)).accept("text/csv").get("/reports/headcount")
                .then().statusCode(200).contentType("text/csv").extract().asString();
        assertEquals("by,name,headcount", csv.lines().findFirst().orElseThrow());
        assertTrue(csv.lines().anyMatch(line -> line.equals("department," + department + ",1")), csv);
        assertTrue(csv.lines().anyMatch(line -> line.startsWith("total,,")), csv);
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() {
        long appliedBefore = eventsApplied();
        UUID eventId = UUID.randomUUID();
        String employee = "p-" + UUID.randomUUID();
        send(person(eventId, PeopleEventTypes.PERSON_REGISTERED, employee, 1, department, true));
        send(person(eventId, PeopleEventTypes.PERSON_REGISTERED, employee, 1, department, true));
        // a marker after the duplicate: once it is applied, the duplicate has been consumed too
        send(person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, "p-" + UUID.randomUUID(), 1, department + "-marker", true));

        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf("byDepartment", department + "-marker")));
        assertEquals(1, headcountOf("byDepartment", department));
        // the operations view counts the registration and the marker, not the duplicate
        assertEquals(appliedBefore + 2, eventsApplied());
        given().get("/q/metrics").then().statusCode(200);
    }

    private static long eventsApplied() {
        return given().auth().oauth2(TestTokens.token("analyst-1", Roles.ANALYST)).get("/ops/projections").then().statusCode(200)
                .extract().jsonPath().getLong("find { it.projection == 'reporting.people' }.eventsApplied");
    }

    @Test
    void aPersonWhoMovesCountsOnlyInTheNewDepartmentAndADepartedOneNowhere() {
        String employee = "p-" + UUID.randomUUID();
        send(person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, employee, 1, department, true));
        send(person(UUID.randomUUID(), PeopleEventTypes.PERSON_UPDATED, employee, 2, department + "-new", true));
        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf("byDepartment", department + "-new")));
        assertEquals(0, headcountOf("byDepartment", department));

        send(departed(UUID.randomUUID(), employee, 3));
        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(0, headcountOf("byDepartment", department + "-new")));
    }

    /** A backlog is applied a poll at a time, hundreds of events a transaction; a poison record among them costs only itself. */
    @Test
    void aBacklogOfThousandsWithAPoisonRecordAmongThemIsAppliedWhole() {
        String poisoned = "broken-" + UUID.randomUUID();
        List<ProducerRecord<String, String>> backlog = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            if (i == 2500) {
                backlog.add(EventSender.malformed(Topics.PEOPLE, poisoned, UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, 1, "{not json",
                        OffsetDateTime.now()));
            }
            backlog.add(person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, "p-" + UUID.randomUUID(), 1, department, true));
        }
        // made first, then sent at once: the projection meets them as a backlog, a full poll at a time
        events.sendAll(backlog);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertEquals(4000, headcountOf("byDepartment", department)));
        try (TopicReader deadLetters = new TopicReader(kafka, "allyledger.reporting.dead-letter")) {
            assertEquals(1, deadLetters.await(TopicReader.keyed(poisoned), 1, ARRIVAL).size());
        }
    }

    @Test
    void aMalformedEventIsDeadLetteredWithAReasonAndTheProjectionCarriesOn() {
        String key = "broken-" + UUID.randomUUID();
        send(EventSender.malformed(Topics.PEOPLE, key, UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, 1, "{not json", OffsetDateTime.now()));
        send(person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, "p-" + UUID.randomUUID(), 1, department, true));

        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf("byDepartment", department)));
        try (TopicReader deadLetters = new TopicReader(kafka, "allyledger.reporting.dead-letter")) {
            var dead = deadLetters.await(TopicReader.keyed(key), 1, ARRIVAL);
            assertEquals(1, dead.size());
            assertTrue(TopicReader.header(dead.get(0), "dead-letter-reason").contains("not JSON"),
                    TopicReader.header(dead.get(0), "dead-letter-reason"));
        }
    }

    @Test
    void anEventWithAMalformedCloudEventsHeaderIsDeadLetteredAndTheProjectionCarriesOn() {
        String key = "bad-time-" + UUID.randomUUID();
        var record = person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, key, 1, department + "-bad", true);
        record.headers().remove("ce_time");
        EventSender.header(record, "ce_time", "yesterday");
        send(record);
        send(person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, "p-" + UUID.randomUUID(), 1, department, true));

        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf("byDepartment", department)));
        assertEquals(0, headcountOf("byDepartment", department + "-bad"));
        try (TopicReader deadLetters = new TopicReader(kafka, "allyledger.reporting.dead-letter")) {
            assertEquals(1, deadLetters.await(TopicReader.keyed(key), 1, ARRIVAL).size());
        }
    }

    @Test
    void aCsvCellThatASpreadsheetWouldRunAsAFormulaIsNeutralised() {
        String formula = "=HYPERLINK(\"http://x\",\"" + department + "\")";
        send(person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, "p-" + UUID.randomUUID(), 1, formula.replace("\"", "\\\""), true));
        send(person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, "p-" + UUID.randomUUID(), 1, "@" + department, true));

        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf("byDepartment", "@" + department)));
        assertEquals(1, headcountOf("byDepartment", formula), "JSON shows the name as it is");
        String csv = given().auth().oauth2(TestTokens.token("analyst-1", Roles.ANALYST)).accept("text/csv").get("/reports/headcount")
                .then().statusCode(200).extract().asString();
        assertTrue(csv.lines().anyMatch(line -> line.equals("department,'@" + department + ",1")), csv);
        assertTrue(csv.lines().anyMatch(line -> line.equals("department,\"'=HYPERLINK(\"\"http://x\"\",\"\"" + department + "\"\")\",1")), csv);
    }

    @Test
    void anUnknownEventTypeIsSkippedWithoutStallingTheProjection() {
        send(person(UUID.randomUUID(), "org.allyledger.people.SomethingNew.v1", "p-" + UUID.randomUUID(), 1, department + "-x", true));
        send(person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, "p-" + UUID.randomUUID(), 1, department, true));

        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf("byDepartment", department)));
        assertEquals(0, headcountOf("byDepartment", department + "-x"));
    }

    private static long headcountOf(String grouping, String name) {
        JsonPath report = given().auth().oauth2(TestTokens.token("analyst-1", Roles.ANALYST)).get("/reports/headcount").then().statusCode(200).extract().jsonPath();
        return report.getList(grouping + ".findAll { it.name == '" + name + "' }.headcount", Long.class)
                .stream().mapToLong(Long::longValue).sum();
    }
}

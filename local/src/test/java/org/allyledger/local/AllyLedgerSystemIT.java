package org.allyledger.local;

import io.restassured.http.ContentType;
import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.infra.FreePorts;
import org.allyledger.contracts.Topics;
import org.allyledger.infra.testing.EventSender;
import org.allyledger.infra.testing.PeopleEvents;
import org.allyledger.infra.testing.PoisonRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged system end to end, as the launcher runs it: each service its own process, real PostgreSQL,
 * real Kafka, Debezium in the write services. Runs on free ports beside any local launcher.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AllyLedgerSystemIT extends PackagedSystemTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(60);

    @Test
    @Order(1)
    void aPersonWrittenOnceIsCountedOnceInTheHeadcountAndKnownToRecognition() {
        String department = department();
        String id = put(department);

        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf(department)));
        await().atMost(ARRIVAL).untilAsserted(() -> as(id, "employee").get(system.url(Service.RECOGNITION, "/people/" + id + "/eligibility"))
                .then().statusCode(200).body("active", equalTo(true)));
        // and stays counted once: nothing republished it
        await().during(Duration.ofSeconds(2)).atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf(department)));
    }

    @Test
    @Order(2)
    void aPersonRegisteredInCommitmentServiceCanBeNominatedAndNotOnceDeparted() {
        String nominator = put(department());
        String nominee = put(department());
        String month = java.time.YearMonth.now().toString();
        String nomination = """
                {"nomineeId": "%s", "awardMonth": "%s", "categories": ["AMPLIFYING_VOICES"],
                 "citation": "Made sure every voice in the retrospective was heard and credited."}""";
        await().atMost(ARRIVAL).untilAsserted(() -> as(nominator, "employee").contentType(ContentType.JSON)
                .body(nomination.formatted(nominee, month)).post(system.url(Service.RECOGNITION, "/nominations"))
                .then().statusCode(201));

        String leaver = put(department());
        as("hris", "hr-system").contentType(ContentType.JSON).body("{}")
                .post(system.url(Service.COMMITMENT, "/people/" + leaver + "/departure")).then().statusCode(200);
        await().atMost(ARRIVAL).untilAsserted(() -> as(nominator, "employee").contentType(ContentType.JSON)
                .body(nomination.formatted(leaver, month)).post(system.url(Service.RECOGNITION, "/nominations"))
                .then().statusCode(422));
    }

    @Test
    @Order(3)
    void aWriteWhileReportingIsDownIsAppliedOnceWhenItComesBack() {
        system.stopService(Service.REPORTING);
        String department = department();
        put(department);

        system.startService(Service.REPORTING);
        system.awaitReady(Service.REPORTING);

        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf(department)));
    }

    @Test
    @Order(4)
    void ofTwoReplicasOnePublishesAndTheOtherTakesOverWhenItStops() throws Exception {
        int replicaPort = FreePorts.next();
        Process replica = system.launch(Service.COMMITMENT, "local", replicaPort);
        try {
            String replicaReady = "http://localhost:" + replicaPort + "/q/health/ready";
            await().atMost(ARRIVAL).ignoreExceptions().untilAsserted(() -> given().get(replicaReady).then().statusCode(200)
                    .body("checks.find { it.name == 'event-relay' }.data.state", equalTo("STANDBY")));
            given().get(system.url(Service.COMMITMENT, "/q/health/ready")).then()
                    .body("checks.find { it.name == 'event-relay' }.data.state", equalTo("PUBLISHING"));

            system.stopService(Service.COMMITMENT);
            await().atMost(ARRIVAL).untilAsserted(() -> given().get(replicaReady).then()
                    .body("checks.find { it.name == 'event-relay' }.data.state", equalTo("PUBLISHING")));
            String department = department();
            put("http://localhost:" + replicaPort, department);
            await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf(department)));
        } finally {
            replica.destroy();
            if (!replica.waitFor(30, TimeUnit.SECONDS)) {
                replica.destroyForcibly().waitFor();
            }
            system.startService(Service.COMMITMENT);
            system.awaitReady(Service.COMMITMENT);
        }
    }

    @Test
    @Order(4)
    void poisonRecordsAreDeadLetteredOnceAndStayBehindAfterTheConsumersRestart() {
        String department = department();
        var valid = PeopleEvents.person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, "e-" + UUID.randomUUID().toString().substring(0, 8),
                1, department, true);
        List<PoisonRecords.Poison> poisons = PoisonRecords.of(valid, "department");
        try (EventSender events = new EventSender(system.kafkaBootstrapServers())) {
            poisons.forEach(poison -> events.send(poison.record()));
            events.send(valid);
        }
        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf(department)));
        PoisonRecords.awaitDeadLettered(system.kafkaBootstrapServers(), Topics.REPORTING_DEAD_LETTERS, Topics.PEOPLE, poisons, ARRIVAL);
        PoisonRecords.awaitDeadLettered(system.kafkaBootstrapServers(), Topics.RECOGNITION_DEAD_LETTERS, Topics.PEOPLE, poisons, ARRIVAL);

        system.stopService(Service.REPORTING);
        system.stopService(Service.RECOGNITION);
        system.startService(Service.REPORTING);
        system.startService(Service.RECOGNITION);
        system.awaitReady(Service.REPORTING);
        system.awaitReady(Service.RECOGNITION);
        String later = department();
        String laterId = put(later);

        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf(later)));
        await().atMost(ARRIVAL).untilAsserted(() -> as(laterId, "employee").get(system.url(Service.RECOGNITION, "/people/" + laterId + "/eligibility"))
                .then().statusCode(200).body("active", equalTo(true)));
        // each poison was dead-lettered once: the restarted consumers went on past them
        PoisonRecords.awaitDeadLettered(system.kafkaBootstrapServers(), Topics.REPORTING_DEAD_LETTERS, Topics.PEOPLE, poisons, ARRIVAL);
        for (Service service : List.of(Service.REPORTING, Service.RECOGNITION)) {
            as("admin-1", "program-admin").queryParam("limit", 500).get(system.url(service, "/ops/dead-letters")).then().statusCode(200)
                    .body("items.findAll { it.key.startsWith('poison-') && it.value.contains('" + department + "') }.attempts",
                            org.hamcrest.Matchers.everyItem(equalTo(1)));
        }
        as("admin-1", "program-admin").get(system.url(Service.REPORTING, "/ops/projections")).then().statusCode(200)
                .body("find { it.projection == 'reporting.people' }.lag", equalTo(0));
    }

    @Test
    @Order(5)
    void aWriteWhileCommitmentServiceRestartsIsPublishedOnce() {
        String before = department();
        put(before);
        system.stopService(Service.COMMITMENT);
        system.startService(Service.COMMITMENT);
        system.awaitReady(Service.COMMITMENT);
        String after = department();
        put(after);

        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf(after)));
        assertEquals(1, headcountOf(before));
    }

    @Test
    @Order(6)
    void restartingTheWholeSystemKeepsEveryEventAndReadModel() {
        String department = department();
        String id = put(department);
        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf(department)));

        restart();

        as("hris", "hr-system").get(system.url(Service.COMMITMENT, "/people/" + id)).then().statusCode(200).body("department", equalTo(department));
        assertEquals(1, headcountOf(department));
        String later = department();
        put(later);
        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf(later)));
    }

    @Test
    @Order(7)
    void theProductionProfileRefusesToStartWithTheDevelopmentKey() throws Exception {
        Process production = system.launch(Service.COMMITMENT, "prod", FreePorts.next());
        try {
            assertTrue(production.waitFor(90, TimeUnit.SECONDS), "the production profile started with the development key");
        } finally {
            production.destroyForcibly();
        }
        assertNotEquals(0, production.exitValue());
        String log = Files.readString(data.resolve("logs").resolve(Service.COMMITMENT.module() + "-prod.log"));
        assertTrue(log.contains("Production refuses the development issuer and key pair"), log);
    }

    @ParameterizedTest
    @CsvSource({"allyledger.db.host, allyledger.db.host", "allyledger.db.password, allyledger.db.password",
            "kafka.bootstrap.servers, No resolvable bootstrap urls given in bootstrap.servers"})
    @Order(7)
    void theProductionProfileRefusesToStartWithoutAHostOrCredentialNamingIt(String missing, String named) throws Exception {
        String profile = "prod";
        Process production = system.launch(Service.RECOGNITION, profile, FreePorts.next(), List.of("-D" + missing + "="));
        try {
            assertTrue(production.waitFor(90, TimeUnit.SECONDS), "the production profile started without " + missing);
        } finally {
            production.destroyForcibly();
        }
        assertNotEquals(0, production.exitValue());
        Path logFile = data.resolve("logs").resolve(Service.RECOGNITION.module() + "-" + profile + ".log");
        String log = Files.readString(logFile);
        Files.delete(logFile);
        assertTrue(log.contains(named), log);
    }

    @Test
    @Order(8)
    void aRebuildInterruptedByARestartResumesAndSwapsInTheSameReadModel() {
        String department = department();
        int people = 6000;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", system.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < people; i++) {
                producer.send(PeopleEvents.person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, department + "-" + i, 1, department, true));
            }
        }
        await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> assertEquals(people, headcountOf(department)));
        await().atMost(ARRIVAL).untilAsserted(() -> as("analyst-1", "analyst").get(system.url(Service.REPORTING, "/ops/projections"))
                .then().statusCode(200).body("find { it.projection == 'reporting.people' }.lag", equalTo(0)));
        String live = as("analyst-1", "analyst").get(system.url(Service.REPORTING, "/reports/headcount")).then().statusCode(200)
                .extract().asString();

        String progress = as("admin-1", "program-admin").post(system.url(Service.REPORTING, "/ops/projections/reporting.people/rebuilds"))
                .then().statusCode(202).extract().header("Location");
        // while it runs, its progress shows the new generation's position in every partition
        as("analyst-1", "analyst").get(progress).then().statusCode(200).body("status", equalTo("RUNNING"))
                .body("progress.generation", equalTo(2)).body("progress.partitions.size()", equalTo(3));
        system.stopService(Service.REPORTING);
        system.startService(Service.REPORTING);
        system.awaitReady(Service.REPORTING);

        await().atMost(ARRIVAL).untilAsserted(() -> as("analyst-1", "analyst").get(progress).then().statusCode(200)
                .body("status", equalTo("SWAPPED")).body("recordsRead", greaterThanOrEqualTo(people)));
        assertEquals(live, as("analyst-1", "analyst").get(system.url(Service.REPORTING, "/reports/headcount")).then().statusCode(200)
                .extract().asString());
    }
}

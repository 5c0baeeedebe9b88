package org.allyledger.reporting.people;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.allyledger.contracts.CloudEventHeaders;
import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.contracts.Topics;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TopicReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The people projection, fed through the real broker as commitment-service's relay would feed it. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
@WithTestResource(KafkaTestResource.class)
class PeopleProjectionTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private KafkaProducer<String, String> producer;
    private String department;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka), new StringSerializer(), new StringSerializer());
        department = "Dept-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void disconnect() {
        producer.close();
    }

    @Test
    void aRegisteredPersonCountsInTheirDepartmentLocationAndWorkModel() {
        send(event(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, "p-" + UUID.randomUUID(), 1, department, true));

        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf("byDepartment", department)));
        JsonPath report = given().get("/reports/headcount").then().statusCode(200).extract().jsonPath();
        assertTrue(report.getLong("total") >= 1);
        assertTrue(report.getList("byWorkModel.name").contains("REMOTE"));
        assertTrue(report.getList("byLocation.name").contains("Lisbon"));
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() {
        UUID eventId = UUID.randomUUID();
        String employee = "p-" + UUID.randomUUID();
        send(event(eventId, PeopleEventTypes.PERSON_REGISTERED, employee, 1, department, true));
        send(event(eventId, PeopleEventTypes.PERSON_REGISTERED, employee, 1, department, true));
        // a marker after the duplicate: once it is applied, the duplicate has been consumed too
        send(event(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, "p-" + UUID.randomUUID(), 1, department + "-marker", true));

        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf("byDepartment", department + "-marker")));
        assertEquals(1, headcountOf("byDepartment", department));
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void aPersonWhoMovesCountsOnlyInTheNewDepartmentAndADepartedOneNowhere() {
        String employee = "p-" + UUID.randomUUID();
        send(event(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, employee, 1, department, true));
        send(event(UUID.randomUUID(), PeopleEventTypes.PERSON_UPDATED, employee, 2, department + "-new", true));
        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf("byDepartment", department + "-new")));
        assertEquals(0, headcountOf("byDepartment", department));

        send(event(UUID.randomUUID(), PeopleEventTypes.PERSON_UPDATED, employee, 3, department + "-new", false));
        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(0, headcountOf("byDepartment", department + "-new")));
    }

    @Test
    void aMalformedEventIsDeadLetteredWithAReasonAndTheProjectionCarriesOn() {
        String key = "broken-" + UUID.randomUUID();
        ProducerRecord<String, String> broken = new ProducerRecord<>(Topics.PEOPLE, key, "{not json");
        broken.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        broken.headers().add(CloudEventHeaders.TYPE, PeopleEventTypes.PERSON_REGISTERED.getBytes(StandardCharsets.UTF_8));
        broken.headers().add(CloudEventHeaders.TIME, OffsetDateTime.now().toString().getBytes(StandardCharsets.UTF_8));
        send(broken);
        send(event(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, "p-" + UUID.randomUUID(), 1, department, true));

        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf("byDepartment", department)));
        try (TopicReader deadLetters = new TopicReader(kafka, "allyledger.reporting.dead-letter")) {
            var dead = deadLetters.await(TopicReader.keyed(key), 1, ARRIVAL);
            assertEquals(1, dead.size());
            assertTrue(TopicReader.header(dead.get(0), "dead-letter-reason").contains("not JSON"),
                    TopicReader.header(dead.get(0), "dead-letter-reason"));
        }
    }

    @Test
    void anUnknownEventTypeIsSkippedWithoutStallingTheProjection() {
        send(event(UUID.randomUUID(), "org.allyledger.people.SomethingNew.v1", "p-" + UUID.randomUUID(), 1, department + "-x", true));
        send(event(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, "p-" + UUID.randomUUID(), 1, department, true));

        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf("byDepartment", department)));
        assertEquals(0, headcountOf("byDepartment", department + "-x"));
    }

    static ProducerRecord<String, String> event(UUID id, String type, String employeeId, long version, String department, boolean active) {
        String data = """
                {"employeeId": "%s", "displayName": "Test Person", "email": "t@example.org", "department": "%s",
                 "location": "Lisbon", "workModel": "REMOTE", "managerId": null, "active": %s}"""
                .formatted(employeeId, department, active);
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.PEOPLE, employeeId, data);
        record.headers().add(CloudEventHeaders.ID, bytes(id.toString()));
        record.headers().add(CloudEventHeaders.TYPE, bytes(type));
        record.headers().add(CloudEventHeaders.SOURCE, bytes("/allyledger/commitment-service"));
        record.headers().add(CloudEventHeaders.SUBJECT, bytes(employeeId));
        record.headers().add(CloudEventHeaders.TIME, bytes(OffsetDateTime.now().toString()));
        record.headers().add(CloudEventHeaders.SPEC_VERSION, bytes("1.0"));
        record.headers().add(CloudEventHeaders.STREAM_VERSION, bytes(Long.toString(version)));
        return record;
    }

    private void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long headcountOf(String grouping, String name) {
        JsonPath report = given().get("/reports/headcount").then().statusCode(200).extract().jsonPath();
        return report.getList(grouping + ".findAll { it.name == '" + name + "' }.headcount", Long.class)
                .stream().mapToLong(Long::longValue).sum();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

package org.allyledger.commitment.people.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.allyledger.api.auth.Roles;
import org.allyledger.infra.testing.TestTokens;
import jakarta.inject.Inject;
import org.allyledger.contracts.CloudEventHeaders;
import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.contracts.Topics;
import org.allyledger.eventstore.relay.EventRelay;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.allyledger.infra.testing.TopicReader.header;
import static org.allyledger.infra.testing.TopicReader.keyed;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "commitment"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class PeoplePublicationTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    EventRelay relay;

    static String person(String department) {
        return """
                {"displayName": "Ada Lovelace", "email": "ada@example.org", "department": "%s",
                 "location": "London", "workModel": "HYBRID", "managerId": "e100"}""".formatted(department);
    }

    /** As the HR system that owns the directory. */
    static RequestSpecification asHr() {
        return given().auth().oauth2(TestTokens.token("hris", Roles.HR_SYSTEM));
    }

    static String newEmployeeId() {
        return "e-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void registeringAPersonPublishesOneCloudEventKeyedByEmployeeId() {
        String id = newEmployeeId();
        asHr().contentType(ContentType.JSON).body(person("Engineering"))
                .put("/people/{id}", id)
                .then().statusCode(201).header("ETag", "\"1\"").body("version", equalTo(1)).body("active", equalTo(true));

        try (TopicReader people = new TopicReader(kafka, Topics.PEOPLE)) {
            List<ConsumerRecord<String, String>> records = people.await(keyed(id), 1, ARRIVAL);
            assertEquals(1, records.size(), "one event for " + id);
            ConsumerRecord<String, String> event = records.get(0);
            assertEquals(PeopleEventTypes.PERSON_REGISTERED, header(event, CloudEventHeaders.TYPE));
            assertEquals("/allyledger/commitment-service", header(event, CloudEventHeaders.SOURCE));
            assertEquals(id, header(event, CloudEventHeaders.SUBJECT));
            assertEquals("1.0", header(event, CloudEventHeaders.SPEC_VERSION));
            assertEquals("application/json", header(event, CloudEventHeaders.CONTENT_TYPE));
            assertEquals("1", header(event, CloudEventHeaders.STREAM_VERSION));
            assertEquals("1", header(event, CloudEventHeaders.STREAM_VERSION_ATTRIBUTE));
            assertEquals("https://allyledger.org/schemas/org.allyledger.people.PersonRegistered.v1.json", header(event, CloudEventHeaders.DATA_SCHEMA));
            assertNotNull(header(event, CloudEventHeaders.LOG_POSITION));
            assertDoesNotThrow(() -> UUID.fromString(header(event, CloudEventHeaders.ID)));
            assertDoesNotThrow(() -> OffsetDateTime.parse(header(event, CloudEventHeaders.TIME)));
            JsonNode data = assertDoesNotThrow(() -> new ObjectMapper().readTree(event.value()));
            assertEquals("Engineering", data.get("department").asText());
            assertEquals(id, data.get("employeeId").asText());
            assertEquals("HYBRID", data.get("workModel").asText());
        }
    }

    @Test
    void resendingTheSamePersonChangesAndPublishesNothing() {
        String id = newEmployeeId();
        asHr().contentType(ContentType.JSON).body(person("Engineering")).put("/people/{id}", id).then().statusCode(201);
        asHr().contentType(ContentType.JSON).body(person("Engineering")).put("/people/{id}", id)
                .then().statusCode(200).header("ETag", "\"1\"");

        // the sentinel: a real change (version 2) arrives behind anything the resend published
        asHr().contentType(ContentType.JSON).body(person("Research")).put("/people/{id}", id).then().statusCode(200).header("ETag", "\"2\"");
        try (TopicReader people = new TopicReader(kafka, Topics.PEOPLE)) {
            assertEquals(1, people.beforeSentinel(keyed(id), TopicReader.version(id, 2), ARRIVAL).size());
        }
    }

    @Test
    void changingAPersonPublishesTheUpdateAfterTheRegistration() {
        String id = newEmployeeId();
        asHr().contentType(ContentType.JSON).body(person("Engineering")).put("/people/{id}", id).then().statusCode(201);
        asHr().contentType(ContentType.JSON).body(person("Research")).put("/people/{id}", id)
                .then().statusCode(200).header("ETag", "\"2\"").body("department", equalTo("Research"));
        asHr().get("/people/{id}", id).then().statusCode(200).header("ETag", "\"2\"").body("department", equalTo("Research"));

        try (TopicReader people = new TopicReader(kafka, Topics.PEOPLE)) {
            List<ConsumerRecord<String, String>> records = people.await(keyed(id), 2, ARRIVAL);
            assertEquals(List.of(PeopleEventTypes.PERSON_REGISTERED, PeopleEventTypes.PERSON_UPDATED),
                    records.stream().map(r -> header(r, CloudEventHeaders.TYPE)).toList());
        }
    }

    @Test
    void aWriteWhileTheRelayIsStoppedIsPublishedOnceAfterItRestarts() {
        String before = newEmployeeId();
        asHr().contentType(ContentType.JSON).body(person("Engineering")).put("/people/{id}", before).then().statusCode(201);
        try (TopicReader people = new TopicReader(kafka, Topics.PEOPLE)) {
            assertEquals(1, people.await(keyed(before), 1, ARRIVAL).size());

            relay.stop();
            String during = newEmployeeId();
            long restartedAt;
            try {
                asHr().contentType(ContentType.JSON).body(person("Engineering")).put("/people/{id}", during).then().statusCode(201);
            } finally {
                restartedAt = System.currentTimeMillis();
                relay.start();
            }

            List<ConsumerRecord<String, String>> published = people.await(keyed(during), 1, ARRIVAL);
            assertTrue(published.get(0).timestamp() >= restartedAt, "published while the relay was stopped");
            // sentinels: a change to each person after the restart; nothing of theirs may come twice before it
            asHr().contentType(ContentType.JSON).body(person("Research")).put("/people/{id}", during).then().statusCode(200);
            asHr().contentType(ContentType.JSON).body(person("Research")).put("/people/{id}", before).then().statusCode(200);
            assertEquals(1, people.beforeSentinel(keyed(during), TopicReader.version(during, 2), ARRIVAL).size(),
                    "published twice after the restart");
            assertEquals(1, people.beforeSentinel(keyed(before), TopicReader.version(before, 2), ARRIVAL).size(),
                    "an already published event was sent again");
        }
    }

    @Test
    void unknownPersonIsA404Problem() {
        asHr().get("/people/{id}", "nobody-here")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }
}

package org.allyledger.commitment.people.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.allyledger.contracts.CloudEventHeaders;
import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.contracts.Topics;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TestDatabase;
import org.allyledger.infra.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.allyledger.commitment.Api.asEmployee;
import static org.allyledger.commitment.Api.asHr;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person's name and email are kept sealed under their own data key and never published; erasing them destroys the key:
 * the directory then answers "erased person", and no copy can be read again.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "commitment"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class PersonalDataErasureTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void erasureDestroysThePersonsKeyAndTheDirectoryForgetsThem() {
        String mark = UUID.randomUUID().toString().substring(0, 8);
        String id = "e-" + mark;
        String name = "Zelda Quist-" + mark;
        String email = "zelda." + mark + "@example.org";
        asHr().body("""
                {"displayName": "%s", "email": "%s", "department": "Research", "location": "Oslo", "workModel": "HYBRID"}"""
                .formatted(name, email)).put("/people/{id}", id).then().statusCode(201).body("displayName", equalTo(name));
        asHr().get("/people/{id}", id).then().statusCode(200).body("displayName", equalTo(name)).body("email", equalTo(email))
                .body("erased", equalTo(false));
        String statement = "I will speak up in reviews-" + mark;
        String note = "Spoke up for a colleague-" + mark;
        LocalDate today = LocalDate.now();
        String commitment = asEmployee(id).body("""
                {"category": "ACTIVE_BYSTANDER", "statement": "%s", "startsOn": "%s", "endsOn": "%s", "targetActions": 5,
                 "visibility": "ORGANISATION"}""".formatted(statement, today.minusDays(1), today.plusDays(30)))
                .post("/commitments").then().statusCode(201).body("statement", equalTo(statement)).extract().path("id");
        asEmployee(id).body("{\"kind\": \"BIAS_ADDRESSED\", \"occurredOn\": \"%s\", \"note\": \"%s\"}".formatted(today, note))
                .post("/commitments/{id}/actions", commitment).then().statusCode(201);
        asEmployee(id).get("/commitments/{id}", commitment).then().statusCode(200).body("statement", equalTo(statement));
        // sealed at rest from the start: the event store holds no clear name, email or text of theirs
        for (String secret : List.of(name, email, statement, note)) {
            assertEquals("0", TestDatabase.value("select count(*) from events where payload::text like ?", "%" + secret + "%"), secret);
        }

        asHr().post("/people/{id}/erasure", id).then().statusCode(200)
                .body("displayName", equalTo("erased person")).body("email", nullValue()).body("erased", equalTo(true))
                .body("department", equalTo("Research")).header("ETag", "\"2\"");
        asHr().post("/people/{id}/erasure", id).then().statusCode(200).body("erased", equalTo(true)).header("ETag", "\"2\"");
        asEmployee(id).get("/people/{id}", id).then().statusCode(200).body("displayName", equalTo("erased person"))
                .body("email", nullValue());
        assertEquals("0", TestDatabase.value("select count(*) from person_data_keys where employee_id = ?", id));
        // the audit trail names the erasure, and nothing of the person but their id
        String trail = asHr().queryParam("limit", 200).get("/people/erasures").then().statusCode(200).extract().asString();
        assertTrue(trail.contains("\"employeeId\":\"" + id + "\"") && trail.contains("\"by\":\"hris\""), trail);
        assertTrue(!trail.contains(mark + "@") && !trail.contains("Quist-" + mark), trail);
        // counts and dates stay; the text is gone
        asHr().get("/commitments/{id}", commitment).then().statusCode(200).body("statement", nullValue()).body("actionsLogged", equalTo(1));

        try (TopicReader people = new TopicReader(kafka, Topics.PEOPLE)) {
            List<ConsumerRecord<String, String>> published = people.await(TopicReader.keyed(id), 2, ARRIVAL);
            assertEquals(List.of(PeopleEventTypes.PERSON_REGISTERED, PeopleEventTypes.PERSONAL_DATA_ERASED),
                    published.stream().map(r -> TopicReader.header(r, CloudEventHeaders.TYPE)).toList());
            assertTrue(people.toEnd(ARRIVAL).stream().noneMatch(r -> r.value().contains(mark + "@") || r.value().contains("Quist-" + mark)),
                    "a name or email was published");
        }
        try (TopicReader commitments = new TopicReader(kafka, Topics.COMMITMENTS)) {
            commitments.await(TopicReader.keyed(commitment), 2, ARRIVAL);
            assertTrue(commitments.toEnd(ARRIVAL).stream().noneMatch(r -> r.value().contains(note)), "a note was published");
        }
    }

    @Test
    void erasingSomeoneUnknownIsA404() {
        asHr().post("/people/{id}/erasure", "nobody-" + UUID.randomUUID().toString().substring(0, 8)).then().statusCode(404);
    }

    @Test
    void onlyAnHrSystemErases() {
        String id = org.allyledger.commitment.Api.newPerson("Research");
        asEmployee(id).post("/people/{id}/erasure", id).then().statusCode(403);
    }
}

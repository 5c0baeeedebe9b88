package org.allyledger.commitment.commitments.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.allyledger.contracts.TopicDeclaration;
import org.allyledger.contracts.Topics;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.allyledger.commitment.Api.asEmployee;
import static org.allyledger.commitment.Api.newPerson;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Read as an external consumer reads them, no published topic carries the text of a private commitment: its statement,
 * amended statement, action notes, evidence links and reasons stay behind the REST API, which shows them to the ally.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "commitment"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class PrivateTextPublicationTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void noTopicCarriesThePrivateTextOfACommitment() {
        String mark = UUID.randomUUID().toString().substring(0, 8);
        String statement = "private-statement-" + mark;
        String amended = "private-amended-" + mark;
        String note = "private-note-" + mark;
        String evidence = "https://evidence.example.org/private-" + mark;
        String amendReason = "private-amend-reason-" + mark;
        String withdrawReason = "private-withdraw-reason-" + mark;
        String ally = newPerson("Research");
        LocalDate today = LocalDate.now();
        String id = asEmployee(ally).body("""
                {"category": "CONTINUOUS_LEARNING", "statement": "%s", "startsOn": "%s", "endsOn": "%s", "targetActions": 5,
                 "visibility": "PRIVATE"}""".formatted(statement, today.minusDays(10), today.plusDays(30)))
                .post("/commitments").then().statusCode(201).extract().path("id");
        asEmployee(ally).body("""
                {"kind": "READING", "occurredOn": "%s", "note": "%s", "evidenceUrl": "%s"}""".formatted(today, note, evidence))
                .post("/commitments/{id}/actions", id).then().statusCode(201);
        asEmployee(ally).body("{\"statement\": \"%s\", \"reason\": \"%s\"}".formatted(amended, amendReason))
                .post("/commitments/{id}/amendments", id).then().statusCode(200);
        asEmployee(ally).body("{\"reason\": \"%s\"}".formatted(withdrawReason)).post("/commitments/{id}/withdrawal", id).then().statusCode(200);
        // the ally still reads their own text through the API
        asEmployee(ally).get("/commitments/{id}", id).then().statusCode(200).body("statement", equalTo(amended));

        List<String> published = new ArrayList<>();
        try (TopicReader commitments = new TopicReader(kafka, Topics.COMMITMENTS)) {
            // the withdrawal (version 4) is the sentinel: every event of the commitment was published before it
            assertEquals(3, commitments.beforeSentinel(TopicReader.keyed(id), TopicReader.version(id, 4), ARRIVAL).size());
            commitments.toEnd(ARRIVAL).forEach(record -> published.add(TopicReader.text(record)));
        }
        for (TopicDeclaration topic : Topics.DECLARED) {
            if (!topic.name().equals(Topics.COMMITMENTS)) {
                try (TopicReader reader = new TopicReader(kafka, topic.name())) {
                    reader.toEnd(ARRIVAL).forEach(record -> published.add(TopicReader.text(record)));
                }
            }
        }

        for (String secret : List.of(statement, amended, note, evidence, amendReason, withdrawReason, mark)) {
            assertTrue(published.stream().noneMatch(record -> record.contains(secret)), secret + " was published");
        }
    }

    @Test
    void aStatementVisibleToTheOrganisationIsReadThroughTheApiNotTheTopic() {
        String statement = "public-statement-" + UUID.randomUUID().toString().substring(0, 8);
        String ally = newPerson("Research");
        String colleague = newPerson("Research");
        LocalDate today = LocalDate.now();
        String id = asEmployee(ally).body("""
                {"category": "CONTINUOUS_LEARNING", "statement": "%s", "startsOn": "%s", "endsOn": "%s", "targetActions": 5,
                 "visibility": "ORGANISATION"}""".formatted(statement, today.minusDays(10), today.plusDays(30)))
                .post("/commitments").then().statusCode(201).extract().path("id");

        asEmployee(colleague).get("/commitments/{id}", id).then().statusCode(200).body("statement", equalTo(statement));
        try (TopicReader commitments = new TopicReader(kafka, Topics.COMMITMENTS)) {
            assertTrue(commitments.await(TopicReader.keyed(id), 1, ARRIVAL).stream().noneMatch(record -> TopicReader.text(record).contains(statement)));
        }
    }

}

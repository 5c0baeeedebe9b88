package org.allyledger.reporting.operations;

import org.allyledger.contracts.published.CommitmentsV1;
import org.allyledger.contracts.published.SponsorshipsV1;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.allyledger.api.auth.Roles;
import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.contracts.Topics;
import org.allyledger.contracts.published.RecognitionV1;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.EventSender;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PeopleEvents;
import org.allyledger.infra.testing.PoisonRecords;
import org.allyledger.infra.testing.PoisonRecords.Poison;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TestTokens;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * Every projection, fed each kind of poison record and then a valid one: the poison ends on the dead-letter topic
 * with its reason, its original headers and where it came from, and in {@code /ops/dead-letters}; the valid record
 * after it is applied; lag returns to 0.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class PoisonRecordsTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void thePeopleProjectionDeadLettersEachPoisonAndAppliesTheRecordAfterIt() {
        String department = "Dept-" + UUID.randomUUID().toString().substring(0, 8);
        ProducerRecord<String, String> valid = PeopleEvents.person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED,
                "p-" + UUID.randomUUID().toString().substring(0, 8), 1, department, true);
        poisonThenValid("reporting.people", Topics.PEOPLE, PoisonRecords.of(valid, "department"), valid,
                ally -> profile(ally).body("department", equalTo(department)));
    }

    @Test
    void theCommitmentsProjectionDeadLettersEachPoisonAndAppliesTheRecordAfterIt() {
        String ally = registered();
        String commitment = "c-" + UUID.randomUUID().toString().substring(0, 8);
        ProducerRecord<String, String> valid = EventSender.cloudEvent(Topics.COMMITMENTS, commitment, UUID.randomUUID(),
                CommitmentsV1.CommitmentMade.TYPE, 1, """
                        {"commitmentId": "%s", "allyId": "%s", "category": "CONTINUOUS_LEARNING", "statement": "s",
                         "startsOn": "2031-01-01", "endsOn": "2031-06-30", "targetActions": 2, "visibility": "PRIVATE",
                         "renewedFrom": null}""".formatted(commitment, ally));
        poisonThenValid("reporting.commitments", Topics.COMMITMENTS, PoisonRecords.of(valid, "category"), valid,
                unused -> profile(ally).body("commitments.commitmentId", hasItem(commitment)));
    }

    @Test
    void theSponsorshipsProjectionDeadLettersEachPoisonAndAppliesTheRecordAfterIt() {
        String ally = registered();
        String initiative = "i-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventSender events = new EventSender(kafka)) {
            events.send(EventSender.cloudEvent(Topics.SPONSORSHIPS, initiative, UUID.randomUUID(), SponsorshipsV1.InitiativeLaunched.TYPE,
                    1, """
                            {"initiativeId": "%s", "name": "Panels", "erg": "ERG", "year": 2031, "description": null,
                             "sponsorCapacity": null}""".formatted(initiative)));
        }
        ProducerRecord<String, String> valid = EventSender.cloudEvent(Topics.SPONSORSHIPS, initiative, UUID.randomUUID(),
                SponsorshipsV1.SponsorshipPledged.TYPE, 2, """
                        {"initiativeId": "%s", "allyId": "%s", "year": 2031}""".formatted(initiative, ally));
        poisonThenValid("reporting.sponsorships", Topics.SPONSORSHIPS, PoisonRecords.of(valid, "allyId"), valid,
                unused -> profile(ally).body("sponsorships.initiativeId", hasItem(initiative)));
    }

    @Test
    void theRecognitionProjectionDeadLettersEachPoisonAndABadSealAndAppliesTheRecordAfterIt() {
        String nominee = registered();
        String nomination = "n-" + UUID.randomUUID().toString().substring(0, 8);
        String month = YearMonth.now().toString();
        ProducerRecord<String, String> valid = nominationSubmitted(nomination, nominee, month, false,
                "\"nominatorId\": \"someone\", \"sealedNominator\": null");
        List<Poison> poisons = new ArrayList<>(PoisonRecords.of(valid, "nomineeId"));
        for (String seal : List.of("x", "v1:", "v1:AAAA", "v1:" + "A".repeat(64), "v1:%%%")) {
            ProducerRecord<String, String> sealed = nominationSubmitted("n-" + UUID.randomUUID(), nominee, month, true,
                    "\"nominatorId\": null, \"sealedNominator\": \"" + seal + "\"");
            poisons.add(new Poison("sealed nominator " + seal, PoisonRecords.rekeyed(sealed, "seal"),
                    "sealed nominator"));
        }
        poisonThenValid("reporting.recognition", Topics.RECOGNITION, poisons, valid,
                unused -> profile(nominee).body("nominationsReceived", hasSize(1)));
    }

    /** The anonymous ones carry seals made up to be bad, so they are sent unchecked against the schema. */
    private static ProducerRecord<String, String> nominationSubmitted(String nomination, String nominee, String month, boolean anonymous,
                                                                      String nominator) {
        String data = """
                {"nominationId": "%s", "nomineeId": "%s", "awardMonth": "%s", "categories": ["AMPLIFYING_VOICES"],
                 "citation": "Always makes room for quieter voices.", "anonymous": %s, %s, "linkedActionIds": []}"""
                .formatted(nomination, nominee, month, anonymous, nominator);
        return anonymous
                ? EventSender.malformed(Topics.RECOGNITION, nomination, UUID.randomUUID(), RecognitionV1.NominationSubmitted.TYPE, 1, data,
                        OffsetDateTime.now())
                : EventSender.cloudEvent(Topics.RECOGNITION, nomination, UUID.randomUUID(), RecognitionV1.NominationSubmitted.TYPE, 1, data,
                        OffsetDateTime.now());
    }

    private void poisonThenValid(String consumer, String topic, List<Poison> poisons, ProducerRecord<String, String> valid,
                                 Consumer<String> appliedCheck) {
        try (EventSender events = new EventSender(kafka)) {
            poisons.forEach(poison -> events.send(poison.record()));
            events.send(valid);
        }
        await().atMost(ARRIVAL).untilAsserted(() -> appliedCheck.accept(valid.key()));

        PoisonRecords.awaitDeadLettered(kafka, Topics.REPORTING_DEAD_LETTERS, topic, poisons, ARRIVAL).forEach((poison, reason) ->
                admin().queryParam("consumer", consumer).queryParam("limit", 500).get("/ops/dead-letters").then().statusCode(200)
                        .body("items.findAll { it.key == '" + poison.record().key() + "' }.reason", hasItem(reason))
                        .body("items.findAll { it.key == '" + poison.record().key() + "' }.status", hasItem("DEAD")));
        await().atMost(ARRIVAL).untilAsserted(() -> admin().get("/ops/projections").then().statusCode(200)
                .body("find { it.projection == '" + consumer + "' }.lag", equalTo(0)));
    }

    /** A person the profile report knows, for the facts of the other topics to attach to. */
    private String registered() {
        String id = "p-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventSender events = new EventSender(kafka)) {
            events.send(PeopleEvents.person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, id, 1, "Poison-tests", true));
        }
        await().atMost(ARRIVAL).untilAsserted(() -> profile(id));
        return id;
    }

    private static io.restassured.response.ValidatableResponse profile(String employeeId) {
        return given().auth().oauth2(TestTokens.token("analyst-1", Roles.ANALYST)).get("/reports/allies/{id}", employeeId).then().statusCode(200);
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.token("admin-1", Roles.PROGRAM_ADMIN));
    }
}

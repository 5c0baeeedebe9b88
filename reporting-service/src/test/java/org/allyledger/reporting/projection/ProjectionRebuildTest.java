package org.allyledger.reporting.projection;

import org.allyledger.contracts.published.CommitmentsV1;
import org.allyledger.contracts.published.RecognitionV1;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.allyledger.api.auth.Roles;
import org.allyledger.contracts.NominatorSeal;
import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.contracts.Topics;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.EventSender;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PeopleEvents;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TestTokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Rebuilds of every projection from the start of the log, beside the live read models: reports answer throughout,
 * the rebuilt read models give reports identical to the live ones, and an event published while a rebuild runs is
 * counted once after the swap. The log holds a malformed and an unknown event, which the rebuild passes over.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class ProjectionRebuildTest {
    private static final OffsetDateTime T0 = OffsetDateTime.of(2033, 4, 2, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final List<String> PROJECTIONS = List.of("reporting.people", "reporting.commitments", "reporting.sponsorships",
            "reporting.recognition");
    private static final Duration REBUILT = Duration.ofSeconds(90);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @ConfigProperty(name = NominatorSeal.KEY_PROPERTY)
    String nominatorKey;

    private final String run = UUID.randomUUID().toString().substring(0, 6);

    private String id(String name) {
        return name + "-" + run;
    }

    @Test
    void rebuiltReadModelsGiveReportsIdenticalToTheLiveOnes() {
        publishScenario();
        awaitLiveCaughtUp();
        Map<String, String> live = reports();
        assertEquals("2033-04,1," + id("a1") + ",7,2,1,2,AMPLIFYING_VOICES,2033-04-02T10:00Z,true,,true",
                live.get("/reports/ally-of-the-month/2033-04 text/csv").lines().skip(1).findFirst().orElseThrow());

        Map<String, String> rebuilds = new LinkedHashMap<>();
        for (String projection : PROJECTIONS) {
            String key = "rebuild-" + projection + "-" + run;
            String location = asAdmin().header("Idempotency-Key", key).post("/ops/projections/{p}/rebuilds", projection)
                    .then().statusCode(202).body("status", equalTo("RUNNING")).body("projection", equalTo(projection))
                    .body("generation", greaterThanOrEqualTo(2)).body("requestedBy", equalTo("admin-1"))
                    .extract().header("Location");
            String rebuildId = location.substring(location.lastIndexOf('/') + 1);
            // a retry with the same key answers the same rebuild and starts nothing new
            asAdmin().header("Idempotency-Key", key).post("/ops/projections/{p}/rebuilds", projection)
                    .then().statusCode(202).header("Idempotent-Replayed", "true").body("rebuildId", equalTo(rebuildId));
            rebuilds.put(projection, rebuildId);
        }
        // reports answer while the rebuilds run, from the live read models
        assertEquals(live, reports());

        rebuilds.forEach((projection, rebuildId) -> await().atMost(REBUILT).untilAsserted(() ->
                asAnalyst().get("/ops/projections/{p}/rebuilds/{id}", projection, rebuildId).then().statusCode(200)
                        .body("status", equalTo("SWAPPED")).body("recordsRead", greaterThanOrEqualTo(1))));
        asAnalyst().get("/ops/projections/reporting.recognition/rebuilds/{id}", rebuilds.get("reporting.recognition"))
                .then().body("malformedSkipped", greaterThanOrEqualTo(1));
        asAnalyst().get("/ops/projections/reporting.people/rebuilds").then().statusCode(200)
                .body("[0].rebuildId", equalTo(rebuilds.get("reporting.people")));
        int peopleGeneration = asAnalyst().get("/ops/projections/reporting.people/rebuilds/{id}", rebuilds.get("reporting.people"))
                .then().extract().jsonPath().getInt("generation");
        asAnalyst().get("/ops/projections").then().statusCode(200)
                .body("find { it.projection == 'reporting.people' }.generation", equalTo(peopleGeneration));
        awaitLiveCaughtUp();
        assertEquals(live, reports());
    }

    @Test
    void anEventPublishedWhileARebuildRunsIsCountedOnceAfterTheSwap() {
        String department = id("Late");
        String rebuildId = asAdmin().post("/ops/projections/reporting.people/rebuilds").then().statusCode(202)
                .extract().jsonPath().getString("rebuildId");
        try (EventSender events = new EventSender(kafka)) {
            events.send(PeopleEvents.person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, id("late"), 1, department, true));
        }
        await().atMost(REBUILT).untilAsserted(() -> asAnalyst().get("/ops/projections/reporting.people/rebuilds/{id}", rebuildId)
                .then().body("status", equalTo("SWAPPED")));
        awaitLiveCaughtUp();
        asAnalyst().get("/reports/headcount").then().statusCode(200)
                .body("byDepartment.findAll { it.name == '" + department + "' }.headcount", equalTo(List.of(1)));
    }

    @Test
    void aRunningRebuildShowsItsProgressPerPartition() {
        String rebuildId = asAdmin().post("/ops/projections/reporting.sponsorships/rebuilds").then().statusCode(202)
                .extract().jsonPath().getString("rebuildId");
        var progress = asAnalyst().get("/ops/projections/reporting.sponsorships/rebuilds/{id}", rebuildId).then().statusCode(200)
                .extract().jsonPath();
        if ("RUNNING".equals(progress.getString("status"))) {
            assertEquals(3, progress.getList("progress.partitions").size());
        }
        await().atMost(REBUILT).untilAsserted(() -> asAnalyst().get("/ops/projections/reporting.sponsorships/rebuilds/{id}", rebuildId)
                .then().body("status", equalTo("SWAPPED")).body("progress", org.hamcrest.Matchers.nullValue()));
    }

    @Test
    void ofConcurrentRequestsToRebuildAProjectionOneStartsAndTheOthersAreTold() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<io.restassured.response.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(clients.submit(() -> asAdmin().post("/ops/projections/reporting.commitments/rebuilds")));
            }
            List<Integer> statuses = new ArrayList<>();
            String started = null;
            for (Future<io.restassured.response.Response> answer : answers) {
                io.restassured.response.Response response = answer.get();
                statuses.add(response.statusCode());
                if (response.statusCode() == 202) {
                    started = response.jsonPath().getString("rebuildId");
                } else {
                    assertEquals("application/problem+json", response.contentType());
                }
            }
            assertEquals(List.of(202, 409, 409, 409), statuses.stream().sorted().toList());
            String rebuildId = started;
            await().atMost(REBUILT).untilAsserted(() -> asAnalyst().get("/ops/projections/reporting.commitments/rebuilds/{id}", rebuildId)
                    .then().body("status", equalTo("SWAPPED")));
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aCancelledRebuildLeavesTheLiveReadModelInPlace() {
        publishScenario();
        awaitLiveCaughtUp();
        Map<String, String> live = reports();
        String cancelled = null;
        // a rebuild of a short log can swap before the cancel arrives: then it is 409 and another one is tried
        for (int attempt = 0; attempt < 5 && cancelled == null; attempt++) {
            String rebuildId = asAdmin().post("/ops/projections/reporting.recognition/rebuilds").then().statusCode(202)
                    .extract().jsonPath().getString("rebuildId");
            var answer = asAdmin().delete("/ops/projections/reporting.recognition/rebuilds/{id}", rebuildId);
            if (answer.statusCode() == 200) {
                answer.then().body("status", equalTo("CANCELLED")).body("finishedAt", org.hamcrest.Matchers.notNullValue());
                cancelled = rebuildId;
            } else {
                answer.then().statusCode(409).contentType("application/problem+json");
            }
        }
        org.junit.jupiter.api.Assertions.assertNotNull(cancelled, "no rebuild was still running when cancelled");
        String rebuildId = cancelled;
        // it stays cancelled: its runner stops without swapping
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                asAnalyst().get("/ops/projections/reporting.recognition/rebuilds/{id}", rebuildId).then().body("status", equalTo("CANCELLED")));
        asAdmin().delete("/ops/projections/reporting.recognition/rebuilds/{id}", rebuildId).then().statusCode(409);
        assertEquals(live, reports());
    }

    @Test
    void anUnknownProjectionIsAProblem() {
        asAdmin().post("/ops/projections/reporting.nothing/rebuilds").then().statusCode(404)
                .contentType("application/problem+json").body("detail", startsWith("No projection has id reporting.nothing"));
        asAnalyst().get("/ops/projections/reporting.people/rebuilds/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        asAnalyst().get("/ops/projections").then().statusCode(200).body("", hasSize(4));
    }

    /** Every report about the scenario, as JSON and, where offered, CSV: the whole body, keyed by request. */
    private Map<String, String> reports() {
        Map<String, String> reports = new LinkedHashMap<>();
        for (String path : List.of("/reports/ally-of-the-month/2033-04", "/reports/ally-of-the-month?year=2033",
                "/reports/recognition-equity?year=2033&by=department", "/reports/recognition-equity?year=2033&by=location",
                "/reports/recognition-equity?year=2033&by=workModel", "/reports/commitment-fulfilment?year=2033&by=category",
                "/reports/commitment-fulfilment?year=2033&by=department", "/reports/sponsorship?year=2033",
                "/reports/sponsorship/unpledged?year=2033&limit=500")) {
            reports.put(path, asAnalyst().get(path).then().statusCode(200).extract().asString());
            reports.put(path + " text/csv", asAnalyst().accept("text/csv").get(path).then().statusCode(200).extract().asString());
        }
        reports.put("/reports/headcount", asAnalyst().get("/reports/headcount").then().statusCode(200).extract().asString());
        reports.put("/reports/headcount text/csv", asAnalyst().accept("text/csv").get("/reports/headcount").then().statusCode(200)
                .extract().asString());
        for (String person : List.of("a1", "a2", "a6", "b1", "b2", "b3")) {
            reports.put("/reports/allies/" + person, asAnalyst().get("/reports/allies/{id}", id(person)).then().statusCode(200).extract().asString());
            reports.put("/reports/allies/" + person + " text/csv", asAnalyst().accept("text/csv").get("/reports/allies/{id}", id(person))
                    .then().statusCode(200).extract().asString());
        }
        return reports;
    }

    private void awaitLiveCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> asAnalyst().get("/ops/projections").then().statusCode(200)
                .body("lag", equalTo(List.of(0, 0, 0, 0))));
    }

    private void publishScenario() {
        NominatorSeal seal = new NominatorSeal(nominatorKey);
        try (EventSender events = new EventSender(kafka)) {
            for (int i = 1; i <= 6; i++) {
                events.send(PeopleEvents.person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, id("a" + i), 1, id("A"), true));
                if (i <= 5) {
                    events.send(PeopleEvents.person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, id("b" + i), 1, id("B"), true));
                }
            }
            commitment(events, "c1", "CommitmentMade", 1, made("a1", 2));
            commitment(events, "c1", "ActionLogged", 2, action("a1", "x1"));
            commitment(events, "c1", "ActionLogged", 3, action("a1", "x2"));
            commitment(events, "c1", "CommitmentFulfilled", 4, "\"allyId\": \"%s\", \"actionsLogged\": 2, \"targetActions\": 2".formatted(id("a1")));
            commitment(events, "c2", "CommitmentMade", 1, made("b1", 3));
            commitment(events, "c2", "ActionLogged", 2, action("b1", "x3"));
            commitment(events, "c2", "CommitmentWithdrawn", 3, "\"allyId\": \"%s\", \"reason\": \"moved\"".formatted(id("b1")));
            // a type a newer producer might add, unknown to this contract: skipped
            commitment(events, "c2", CommitmentsV1.PREFIX + "SomethingNew.v1", 4, "\"allyId\": \"%s\"".formatted(id("b1")));

            sponsorship(events, "i1", "InitiativeLaunched", 1, "\"name\": \"%s\", \"erg\": \"ERG\", \"year\": 2033, \"description\": null,"
                    .formatted(id("Panels")) + " \"sponsorCapacity\": 5");
            sponsorship(events, "i1", "SponsorshipPledged", 2, "\"allyId\": \"%s\", \"year\": 2033".formatted(id("a1")));
            sponsorship(events, "i1", "SponsorshipPledged", 3, "\"allyId\": \"%s\", \"year\": 2033".formatted(id("b1")));
            sponsorship(events, "i1", "SponsorshipFulfilled", 4, "\"allyId\": \"%s\", \"year\": 2033, \"outcome\": \"Ran it.\"".formatted(id("a1")));

            nominate(events, seal, "n1", "a2", "a1", false, T0.plusHours(1));
            nominate(events, seal, "n2", "b2", "a1", true, T0.plusHours(2));
            nominate(events, seal, "n3", "a3", "b1", false, T0.plusHours(3));
            recognition(events, id("n1"), "NominationEndorsed", 2, "{\"nominationId\": \"%s\", \"nomineeId\": \"%s\", \"awardMonth\": \"2033-04\","
                    .formatted(id("n1"), id("a1")) + " \"endorserId\": \"%s\", \"note\": null}".formatted(id("b3")), T0.plusHours(4));
            recognition(events, id("n3"), "NominationRejected", 2, "{\"nominationId\": \"%s\", \"nomineeId\": \"%s\", \"awardMonth\": \"2033-04\","
                    .formatted(id("n3"), id("b1")) + " \"reason\": \"Not specific.\"}", T0.plusHours(5));
            events.send(EventSender.malformed(Topics.RECOGNITION, id("broken"), UUID.randomUUID(),
                    RecognitionV1.NominationSubmitted.TYPE, 1, "{not json", OffsetDateTime.now()));
            recognition(events, "award-2033-04-" + run, "AllyOfTheMonthAwarded", 1, "{\"awardMonth\": \"2033-04\", \"winnerId\": \"%s\", \"note\": null}"
                    .formatted(id("a1")), T0.plusDays(29));
            // a6 moves after all of it: what happened before stays credited to A
            events.send(PeopleEvents.person(UUID.randomUUID(), PeopleEventTypes.PERSON_UPDATED, id("a6"), 2, id("B"), true));
        }
    }

    private String made(String ally, int target) {
        return """
                "allyId": "%s", "category": "AMPLIFYING_VOICES", "statement": "s", "startsOn": "2033-01-01", "endsOn": "2033-06-30",
                "targetActions": %d, "visibility": "PRIVATE", "renewedFrom": null""".formatted(id(ally), target);
    }

    private String action(String ally, String action) {
        return """
                "allyId": "%s", "actionId": "%s", "kind": "READING", "occurredOn": "2033-01-10", "note": null,
                "evidenceUrl": null, "source": "SELF", "externalRef": null""".formatted(id(ally), id(action));
    }

    private void commitment(EventSender events, String commitment, String type, long version, String fields) {
        String ceType = type.startsWith(CommitmentsV1.PREFIX) ? type : EventSender.publishedType(type);
        events.send(EventSender.cloudEvent(Topics.COMMITMENTS, id(commitment), UUID.randomUUID(), ceType,
                version, "{\"commitmentId\": \"%s\", %s}".formatted(id(commitment), fields), T0));
    }

    private void sponsorship(EventSender events, String initiative, String type, long version, String fields) {
        events.send(EventSender.cloudEvent(Topics.SPONSORSHIPS, id(initiative), UUID.randomUUID(), EventSender.publishedType(type),
                version, "{\"initiativeId\": \"%s\", %s}".formatted(id(initiative), fields), T0));
    }

    private void nominate(EventSender events, NominatorSeal seal, String name, String nominator, String nominee, boolean anonymous,
                          OffsetDateTime at) {
        recognition(events, id(name), "NominationSubmitted", 1, """
                {"nominationId": "%s", "nomineeId": "%s", "awardMonth": "2033-04", "categories": ["AMPLIFYING_VOICES"],
                 "citation": "A specific story of allyship in action.", "anonymous": %s, "nominatorId": %s, "sealedNominator": %s,
                 "linkedActionIds": []}""".formatted(id(name), id(nominee), anonymous, anonymous ? "null" : "\"" + id(nominator) + "\"",
                anonymous ? "\"" + seal.seal(id(nominator)) + "\"" : "null"), at);
    }

    private void recognition(EventSender events, String streamId, String type, long version, String data, OffsetDateTime at) {
        events.send(EventSender.cloudEvent(Topics.RECOGNITION, streamId, UUID.randomUUID(), EventSender.publishedType(type),
                version, data, at));
    }

    private static RequestSpecification asAnalyst() {
        return given().auth().oauth2(TestTokens.token("analyst-1", Roles.ANALYST));
    }

    private static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.token("admin-1", Roles.PROGRAM_ADMIN));
    }
}

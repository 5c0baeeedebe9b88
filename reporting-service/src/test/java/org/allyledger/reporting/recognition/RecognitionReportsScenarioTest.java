package org.allyledger.reporting.recognition;

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
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TestTokens;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A recognition scenario fed through the real broker as recognition-service and commitment-service publish it:
 * people, nominations (one anonymous), endorsements, a rejection, a withdrawal, awards and a revocation, then a
 * department move. Every figure of the standings, winners and equity reports is checked, in JSON and CSV, and
 * again after every event is delivered a second time.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class RecognitionReportsScenarioTest {
    private static final OffsetDateTime T0 = OffsetDateTime.of(2031, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final String MARCH = "2031-03";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @ConfigProperty(name = NominatorSeal.KEY_PROPERTY)
    String nominatorKey;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    private final List<ProducerRecord<String, String>> published = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    private String eng() {
        return "Eng-" + run;
    }

    private String sales() {
        return "Sales-" + run;
    }

    private String legal() {
        return "Legal-" + run;
    }

    private String id(String name) {
        return name + "-" + run;
    }

    @Test
    void everyFigureOfStandingsWinnersAndEquityIsExact() {
        try (EventSender events = new EventSender(kafka)) {
            for (int i = 1; i <= 6; i++) {
                person(events, id("e" + i), eng(), 1, T0);
                person(events, id("s" + i), sales(), 1, T0);
            }
            person(events, id("l1"), legal(), 1, T0);
            person(events, id("l2"), legal(), 1, T0);

            NominatorSeal seal = new NominatorSeal(nominatorKey);
            nominate(events, "n1", id("s1"), id("e1"), false, seal, T0.plusHours(1));
            nominate(events, "n2", id("e2"), id("e1"), true, seal, T0.plusHours(2));
            nominate(events, "n3", id("s2"), id("s3"), false, seal, T0.plusHours(3));
            nominate(events, "n4", id("e3"), id("s3"), false, seal, T0.plusHours(4));
            nominate(events, "n5", id("e4"), id("e5"), false, seal, T0.plusHours(5));
            nominate(events, "n6", id("l1"), id("s3"), false, seal, T0.plusHours(6));
            nominate(events, "n7", id("e1"), id("l2"), false, seal, T0.plusHours(7));
            nominate(events, "n8", id("s2"), id("l2"), false, seal, T0.plusHours(8));
            recognition(events, id("n3"), "NominationEndorsed", 2, """
                    {"nominationId": "%s", "nomineeId": "%s", "awardMonth": "2031-03", "endorserId": "%s", "note": null}"""
                    .formatted(id("n3"), id("s3"), id("e6")), T0.plusHours(9));
            recognition(events, id("n3"), "NominationEndorsed", 3, """
                    {"nominationId": "%s", "nomineeId": "%s", "awardMonth": "2031-03", "endorserId": "%s", "note": "yes"}"""
                    .formatted(id("n3"), id("s3"), id("s4")), T0.plusHours(9));
            recognition(events, id("n4"), "NominationEndorsed", 2, """
                    {"nominationId": "%s", "nomineeId": "%s", "awardMonth": "2031-03", "endorserId": "%s", "note": null}"""
                    .formatted(id("n4"), id("s3"), id("e5")), T0.plusHours(9));
            recognition(events, id("n4"), "NominationRejected", 3, """
                    {"nominationId": "%s", "nomineeId": "%s", "awardMonth": "2031-03", "reason": "Not specific."}"""
                    .formatted(id("n4"), id("s3")), T0.plusHours(10));
            recognition(events, id("n5"), "NominationWithdrawn", 2, """
                    {"nominationId": "%s", "nomineeId": "%s", "awardMonth": "2031-03"}""".formatted(id("n5"), id("e5")), T0.plusHours(10));
            award(events, "2031-01", id("e1"), T0.minusMonths(1));
            award(events, "2031-02", id("l2"), T0.minusDays(1));
            recognition(events, "award-2031-02-" + run, "AwardRevoked", 2, """
                    {"awardMonth": "2031-02", "winnerId": "%s", "reason": "Mistake."}""".formatted(id("l2")), T0.minusDays(1).plusHours(1));
            award(events, MARCH, id("s3"), T0.plusDays(31));
            // s3 moves to engineering after all of it: everything above stays credited to sales
            person(events, id("s3"), eng(), 2, T0.plusDays(40));
        }

        // the people and recognition projections consume their topics independently: wait until both caught up
        await().atMost(Duration.ofSeconds(60)).untilAsserted(this::assertReports);

        try (EventSender events = new EventSender(kafka)) {
            published.forEach(events::send);
            person(events, id("marker"), legal(), 1, T0);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                asAnalyst().get("/reports/headcount").then().body("byDepartment.find { it.name == '" + legal() + "' }.headcount", equalTo(3)));
        assertReports();

        // standings come in pages in rank order; next is where the following page starts
        asAnalyst().get("/reports/ally-of-the-month/{m}?limit=2", MARCH).then().statusCode(200)
                .body("standings.nomineeId", contains(id("s3"), id("e1"))).body("standings.rank", contains(1, 2)).body("next", equalTo(2));
        asAnalyst().get("/reports/ally-of-the-month/{m}?limit=2&after=2", MARCH).then().statusCode(200)
                .body("standings.nomineeId", contains(id("l2"))).body("standings.rank", contains(3)).body("next", nullValue())
                .body("winnerId", equalTo(id("s3")));
        asAnalyst().get("/reports/ally-of-the-month/{m}?limit=0", MARCH).then().statusCode(400);
    }

    /**
     * Facts projected before anything is known of their people count nowhere, then where their people stood when they
     * happened once the history arrives, including a move between two of them that arrives last.
     */
    @Test
    void factsThatArriveBeforeTheirPeopleCountWhereThePeopleStoodOnceTheHistoryArrives() {
        OffsetDateTime registered = OffsetDateTime.of(2034, 5, 1, 9, 0, 0, 0, ZoneOffset.UTC);
        String month = "2034-05";
        String before = "Before-" + run;
        String after = "After-" + run;
        String nominators = "Nominators-" + run;
        NominatorSeal seal = new NominatorSeal(nominatorKey);
        try (EventSender events = new EventSender(kafka)) {
            nominate(events, "late1", id("y"), id("x"), false, seal, registered.plusHours(1), month);
            nominate(events, "late2", id("y"), id("x"), true, seal, registered.plusHours(5), month);
            recognition(events, "award-" + month + "-" + run, "AllyOfTheMonthAwarded", 1, """
                    {"awardMonth": "%s", "winnerId": "%s", "note": null}""".formatted(month, id("x")), registered.plusMonths(1));
            send(events, EventSender.cloudEvent(Topics.COMMITMENTS, id("cx"), UUID.randomUUID(), EventSender.publishedType("CommitmentMade"), 1,
                    """
                    {"commitmentId": "%s", "allyId": "%s", "category": "CONTINUOUS_LEARNING", "statement": "s", "startsOn": "2034-05-01",
                     "endsOn": "2034-12-31", "targetActions": 2, "visibility": "PRIVATE", "renewedFrom": null}""".formatted(id("cx"), id("x")),
                    registered.plusHours(2)));
            send(events, EventSender.cloudEvent(Topics.SPONSORSHIPS, id("ix"), UUID.randomUUID(), EventSender.publishedType("SponsorshipPledged"), 2,
                    "{\"initiativeId\": \"%s\", \"allyId\": \"%s\", \"year\": 2034}".formatted(id("ix"), id("x")), registered.plusHours(2)));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            asAnalyst().get("/reports/sponsorship/unpledged?year=2034&limit=1").then().statusCode(200);
            asAnalyst().get("/reports/ally-of-the-month/{m}", month).then().statusCode(200)
                    .body("standings.nomineeId", contains(id("x"))).body("standings.nominatorDepartments", contains(0));
            asAnalyst().get("/reports/commitment-fulfilment?year=2034&by=department").then().statusCode(200)
                    .body("groups.name", contains("unknown"));
        });
        asAnalyst().get("/reports/recognition-equity?year=2034&by=department").then().statusCode(200)
                .body("groups.findAll { it.name.endsWith('" + run + "') }", empty());

        try (EventSender events = new EventSender(kafka)) {
            person(events, id("x"), before, 1, registered);
            person(events, id("y"), nominators, 1, registered);
            for (int i = 1; i <= 5; i++) {
                person(events, id("before" + i), before, 1, registered);
            }
            for (int i = 1; i <= 4; i++) {
                person(events, id("after" + i), after, 1, registered);
            }
            // x moves between the two nominations; the move arrives after everything else
            person(events, id("x"), after, 2, registered.plusHours(3));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            asAnalyst().get("/reports/recognition-equity?year=2034&by=department").then().statusCode(200)
                    .body("groups.find { it.name == '" + before + "' }.headcount", equalTo(5))
                    .body("groups.find { it.name == '" + before + "' }.nominations", equalTo(1))
                    .body("groups.find { it.name == '" + before + "' }.awards", equalTo(0))
                    .body("groups.find { it.name == '" + after + "' }.headcount", equalTo(5))
                    .body("groups.find { it.name == '" + after + "' }.nominations", equalTo(1))
                    .body("groups.find { it.name == '" + after + "' }.awards", equalTo(1));
            asAnalyst().get("/reports/ally-of-the-month/{m}", month).then().statusCode(200)
                    .body("standings.nominatorDepartments", contains(1));
            asAnalyst().get("/reports/commitment-fulfilment?year=2034&by=department").then().statusCode(200)
                    .body("groups.name", contains(before)).body("groups.made", contains(1));
            asAnalyst().get("/reports/sponsorship?year=2034").then().statusCode(200)
                    .body("byDepartment.find { it.department == '" + after + "' }.activeEmployees", equalTo(5))
                    .body("byDepartment.find { it.department == '" + after + "' }.withPledge", equalTo(1))
                    .body("byDepartment.find { it.department == '" + before + "' }.withPledge", equalTo(0));
        });

        // a sponsor who leaves no longer counts among the active
        try (EventSender events = new EventSender(kafka)) {
            send(events, EventSender.cloudEvent(Topics.PEOPLE, id("x"), UUID.randomUUID(), PeopleEventTypes.PERSON_DEPARTED, 3,
                    "{\"employeeId\": \"%s\", \"departedOn\": \"2034-06-30\"}".formatted(id("x")), registered.plusMonths(2)));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                asAnalyst().get("/reports/sponsorship?year=2034").then().statusCode(200)
                        .body("byDepartment.find { it.department == '" + after + "' }.activeEmployees", equalTo(4))
                        .body("byDepartment.find { it.department == '" + after + "' }.withPledge", equalTo(0)));
        // four active people left: too few to show
        asAnalyst().get("/reports/recognition-equity?year=2034&by=department").then().statusCode(200)
                .body("groups.find { it.name == '" + after + "' }.suppressed", equalTo(true));
    }

    private void assertReports() {
        asAnalyst().get("/reports/ally-of-the-month/{m}", MARCH).then().statusCode(200)
                .body("awardStatus", equalTo("AWARDED")).body("winnerId", equalTo(id("s3")))
                .body("standings.nomineeId", contains(id("s3"), id("e1"), id("l2")))
                .body("standings.score", contains(8, 6, 6))
                .body("standings.nominations", contains(2, 2, 2))
                .body("standings.endorsements", contains(2, 0, 0))
                .body("standings.nominatorDepartments", contains(2, 2, 2))
                .body("standings.eligible", contains(true, false, true))
                .body("standings[1].ineligibleReason", equalTo("won Ally of the Month in 2031-01"))
                .body("standings[0].categories", contains("MENTORING_AND_SPONSORING"))
                .body("standings.winner", contains(true, false, false));
        String standingsCsv = asAnalyst().accept("text/csv").get("/reports/ally-of-the-month/{m}", MARCH)
                .then().statusCode(200).contentType("text/csv").extract().asString();
        assertEquals("month,rank,nomineeId,score,nominations,endorsements,nominatorDepartments,categories,firstNominatedAt,eligible,ineligibleReason,winner",
                standingsCsv.lines().findFirst().orElseThrow());
        assertEquals("2031-03,1," + id("s3") + ",8,2,2,2,MENTORING_AND_SPONSORING,2031-03-01T12:00Z,true,,true", standingsCsv.lines().skip(1).findFirst().orElseThrow());
        assertEquals(4, standingsCsv.lines().count());

        asAnalyst().get("/reports/ally-of-the-month?year=2031").then().statusCode(200)
                .body("awards.findAll { it.winnerId.endsWith('" + run + "') }.month", contains("2031-01", "2031-02", "2031-03"))
                .body("awards.findAll { it.winnerId.endsWith('" + run + "') }.status", contains("AWARDED", "REVOKED", "AWARDED"));

        asAnalyst().get("/reports/recognition-equity?year=2031&by=department").then().statusCode(200)
                .body("minimumGroupSize", equalTo(5))
                .body("groups.find { it.name == '" + eng() + "' }.headcount", equalTo(7))
                .body("groups.find { it.name == '" + eng() + "' }.nominations", equalTo(2))
                .body("groups.find { it.name == '" + eng() + "' }.awards", equalTo(1))
                .body("groups.find { it.name == '" + eng() + "' }.nominationsPerHead", equalTo(0.286f))
                .body("groups.find { it.name == '" + sales() + "' }.headcount", equalTo(5))
                .body("groups.find { it.name == '" + sales() + "' }.nominations", equalTo(2))
                .body("groups.find { it.name == '" + sales() + "' }.awards", equalTo(1))
                .body("groups.find { it.name == '" + sales() + "' }.awardsPerHead", equalTo(0.2f))
                .body("groups.find { it.name == '" + legal() + "' }.suppressed", equalTo(true))
                .body("groups.find { it.name == '" + legal() + "' }.nominations", nullValue());
        asAnalyst().get("/reports/allies/{id}", id("s3")).then().statusCode(200)
                .body("nominationsReceived.status", contains("SUBMITTED", "REJECTED", "SUBMITTED"))
                .body("nominationsReceived.otherParty", contains(nullValue(), nullValue(), nullValue()))
                .body("awards", contains(MARCH));
        String person = id("s3") + "," + eng() + ",Lisbon,REMOTE,true,";
        assertEquals(List.of("employeeId,department,location,workModel,active,section,itemId,period,detail,status,count",
                        person + "nominationReceived," + id("n3") + ",2031-03,,SUBMITTED,2",
                        person + "nominationReceived," + id("n4") + ",2031-03,,REJECTED,1",
                        person + "nominationReceived," + id("n6") + ",2031-03,,SUBMITTED,0",
                        person + "endorsementsGiven,,,,,0",
                        person + "award,,2031-03,,AWARDED,"),
                asAnalyst().accept("text/csv").get("/reports/allies/{id}", id("s3")).then().statusCode(200).contentType("text/csv")
                        .extract().asString().lines().toList());
        asAnalyst().get("/reports/allies/{id}", id("e2")).then().statusCode(200)
                .body("nominationsGiven", empty());
        asAnalyst().get("/reports/allies/{id}", id("e6")).then().statusCode(200).body("endorsementsGiven", equalTo(1));
        String equityCsv = asAnalyst().accept("text/csv").get("/reports/recognition-equity?year=2031&by=department")
                .then().statusCode(200).extract().asString();
        assertEquals(List.of("2031,department," + legal() + ",true,,,,,"),
                equityCsv.lines().filter(line -> line.contains(legal())).toList());
    }

    /**
     * A rebuild counts its tallies from its facts once it has read its topic, and keeps them by triggers after: a
     * person's history that arrives while it runs moves their facts whichever side of that moment it lands on.
     */
    @Test
    void aHistoryThatArrivesWhileRecognitionIsRebuiltCountsInTheRebuiltTallies() {
        OffsetDateTime registered = OffsetDateTime.of(2035, 5, 1, 9, 0, 0, 0, ZoneOffset.UTC);
        String month = "2035-05";
        String from = "From-" + run;
        String to = "To-" + run;
        NominatorSeal seal = new NominatorSeal(nominatorKey);
        try (EventSender events = new EventSender(kafka)) {
            moverAmongFiveAndFive(events, from, to, registered);
            nominate(events, "rebuilt1", id("nominator"), id("moved"), false, seal, registered.plusHours(2), month);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                asAnalyst().get("/reports/recognition-equity?year=2035&by=department").then().statusCode(200)
                        .body("groups.find { it.name == '" + from + "' }.nominations", equalTo(1)));

        String rebuildId = given().auth().oauth2(TestTokens.token("admin-1", Roles.PROGRAM_ADMIN))
                .post("/ops/projections/reporting.recognition/rebuilds").then().statusCode(202).extract().jsonPath().getString("rebuildId");
        try (EventSender events = new EventSender(kafka)) {
            // the move took effect before the nomination, and is learned only now
            person(events, id("moved"), to, 2, registered.plusHours(1));
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                asAnalyst().get("/ops/projections/reporting.recognition/rebuilds/{id}", rebuildId).then().statusCode(200)
                        .body("status", equalTo("SWAPPED")));
        assertTheNominationCountsWhereTheMoverWent(2035, month, from, to);
    }

    /**
     * The people projection re-attributes facts under the attribution lock held exclusively; a fact projection writes
     * under it shared. A nomination that arrives meanwhile waits, and counts where the nominee's history ends up.
     */
    @Test
    void aNominationThatArrivesDuringAReattributionWaitsForItAndCountsWhereTheHistorySays() throws Exception {
        OffsetDateTime registered = OffsetDateTime.of(2036, 5, 1, 9, 0, 0, 0, ZoneOffset.UTC);
        String month = "2036-05";
        String from = "From-" + run;
        String to = "To-" + run;
        NominatorSeal seal = new NominatorSeal(nominatorKey);
        try (EventSender events = new EventSender(kafka)) {
            moverAmongFiveAndFive(events, from, to, registered);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                asAnalyst().get("/reports/recognition-equity?year=2036&by=department").then().statusCode(200)
                        .body("groups.find { it.name == '" + from + "' }.headcount", equalTo(7))
                        .body("groups.find { it.name == '" + to + "' }.headcount", equalTo(5)));

        try (Connection reattribution = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
             Connection observer = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword)) {
            reattribution.setAutoCommit(false);
            try (Statement lock = reattribution.createStatement()) {
                lock.execute("select pg_advisory_xact_lock(hashtext('attribution'))");
            }
            try (EventSender events = new EventSender(kafka)) {
                nominate(events, "during1", id("nominator"), id("moved"), false, seal, registered.plusHours(2), month);
                // the move took effect before the nomination
                person(events, id("moved"), to, 2, registered.plusHours(1));
            }
            // both wait: the nomination's transaction, and the people projection's own re-attribution
            await().atMost(Duration.ofSeconds(60)).until(() -> waitingForAttribution(observer) >= 2);
            asAnalyst().get("/reports/ally-of-the-month/{m}", month).then().statusCode(200).body("standings", empty());
            reattribution.commit();
        }
        assertTheNominationCountsWhereTheMoverWent(2036, month, from, to);
    }

    /** Five people in each of two departments, and in the first one who will move and one who nominates them. */
    private void moverAmongFiveAndFive(EventSender events, String from, String to, OffsetDateTime registered) {
        for (int i = 1; i <= 5; i++) {
            person(events, id("from" + i), from, 1, registered);
            person(events, id("to" + i), to, 1, registered);
        }
        person(events, id("moved"), from, 1, registered);
        person(events, id("nominator"), from, 1, registered);
    }

    /** The mover's nomination counts in the department they moved to before it, as do they; the nominator's stays. */
    private void assertTheNominationCountsWhereTheMoverWent(int year, String month, String from, String to) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                asAnalyst().get("/reports/recognition-equity?year={y}&by=department", year).then().statusCode(200)
                        .body("groups.find { it.name == '" + from + "' }.nominations", equalTo(0))
                        .body("groups.find { it.name == '" + to + "' }.nominations", equalTo(1))
                        .body("groups.find { it.name == '" + to + "' }.headcount", equalTo(6)));
        asAnalyst().get("/reports/ally-of-the-month/{m}", month).then().statusCode(200)
                .body("standings.nomineeId", contains(id("moved"))).body("standings.nominatorDepartments", contains(1));
    }

    /** The reporting database's sessions waiting for the attribution lock (outside a transaction: the view is read afresh). */
    private static int waitingForAttribution(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement();
             ResultSet waiting = query.executeQuery("select count(*) from pg_stat_activity where datname = current_database()"
                     + " and wait_event_type = 'Lock' and wait_event = 'advisory'")) {
            waiting.next();
            return waiting.getInt(1);
        }
    }

    private void person(EventSender events, String employeeId, String department, long version, OffsetDateTime at) {
        String data = """
                {"employeeId": "%s", "displayName": "P", "email": "p@example.org", "department": "%s",
                 "location": "Lisbon", "workModel": "REMOTE", "managerId": null, "active": true}""".formatted(employeeId, department);
        send(events, EventSender.cloudEvent(Topics.PEOPLE, employeeId, UUID.randomUUID(),
                version == 1 ? PeopleEventTypes.PERSON_REGISTERED : PeopleEventTypes.PERSON_UPDATED, version, data, at));
    }

    private void nominate(EventSender events, String name, String nominator, String nominee, boolean anonymous, NominatorSeal seal,
                          OffsetDateTime at) {
        nominate(events, name, nominator, nominee, anonymous, seal, at, MARCH);
    }

    private void nominate(EventSender events, String name, String nominator, String nominee, boolean anonymous, NominatorSeal seal,
                          OffsetDateTime at, String month) {
        String category = switch (name) {
            case "n3" -> "MENTORING_AND_SPONSORING";
            case "n6" -> "MENTORING_AND_SPONSORING";
            default -> "AMPLIFYING_VOICES";
        };
        String data = """
                {"nominationId": "%s", "nomineeId": "%s", "awardMonth": "%s", "categories": ["%s"],
                 "citation": "A specific story of allyship in action.", "anonymous": %s, "nominatorId": %s,
                 "sealedNominator": %s, "linkedActionIds": []}""".formatted(id(name), nominee, month, category, anonymous,
                anonymous ? "null" : "\"" + nominator + "\"", anonymous ? "\"" + seal.seal(nominator) + "\"" : "null");
        recognition(events, id(name), "NominationSubmitted", 1, data, at);
    }

    private void award(EventSender events, String month, String winner, OffsetDateTime at) {
        recognition(events, "award-" + month + "-" + run, "AllyOfTheMonthAwarded", 1, """
                {"awardMonth": "%s", "winnerId": "%s", "note": null}""".formatted(month, winner), at);
    }

    private void recognition(EventSender events, String streamId, String type, long version, String data, OffsetDateTime at) {
        send(events, EventSender.cloudEvent(Topics.RECOGNITION, streamId, UUID.randomUUID(),
                EventSender.publishedType(type), version, data, at));
    }

    private void send(EventSender events, ProducerRecord<String, String> record) {
        published.add(record);
        events.send(record);
    }

    private static RequestSpecification asAnalyst() {
        return given().auth().oauth2(TestTokens.token("analyst-1", Roles.ANALYST));
    }
}

package org.allyledger.reporting.sponsorship;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.allyledger.api.auth.Roles;
import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.contracts.Topics;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.EventSender;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PeopleEvents;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TestTokens;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Commitments, actions, initiatives and pledges fed through the real broker as commitment-service publishes them;
 * every figure of the fulfilment and sponsorship reports is checked, in JSON and CSV, and again after every event
 * is delivered a second time.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class ProgramReportsScenarioTest {
    private static final OffsetDateTime T0 = OffsetDateTime.of(2032, 1, 5, 9, 0, 0, 0, ZoneOffset.UTC);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private final List<ProducerRecord<String, String>> published = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    private String id(String name) {
        return name + "-" + run;
    }

    @Test
    void everyFigureOfFulfilmentAndSponsorshipIsExact() {
        String ops = id("Ops");
        String mkt = id("Mkt");
        try (EventSender events = new EventSender(kafka)) {
            for (String p : List.of("d1", "d2", "d3", "x1")) {
                send(events, PeopleEvents.person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, id(p), 1, ops, true));
            }
            for (String p : List.of("m1", "m2")) {
                send(events, PeopleEvents.person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, id(p), 1, mkt, true));
            }
            send(events, PeopleEvents.departed(UUID.randomUUID(), id("x1"), 2));

            made(events, "c1", "d1", "CONTINUOUS_LEARNING", 2);
            action(events, "c1", "d1", "a1", 2);
            action(events, "c1", "d1", "a2", 3);
            commitment(events, "c1", "CommitmentFulfilled", 4, "\"allyId\": \"%s\", \"actionsLogged\": 2, \"targetActions\": 2".formatted(id("d1")));
            made(events, "c2", "d2", "CONTINUOUS_LEARNING", 3);
            action(events, "c2", "d2", "a3", 2);
            commitment(events, "c2", "CommitmentWithdrawn", 3, "\"allyId\": \"%s\", \"reason\": \"moved\"".formatted(id("d2")));
            made(events, "c3", "m1", "MENTORING_AND_SPONSORING", 1);
            commitment(events, "c3", "CommitmentLapsed", 2,
                    "\"allyId\": \"%s\", \"actionsLogged\": 0, \"targetActions\": 1, \"endedOn\": \"2032-06-30\"".formatted(id("m1")));
            made(events, "c4", "m2", "MENTORING_AND_SPONSORING", 5);
            action(events, "c4", "m2", "a4", 2);
            // c4 is renewed into c5, which starts the next year: counted as renewed in 2032, as made in 2033
            commitment(events, "c4", "CommitmentRenewed", 3, "\"allyId\": \"%s\", \"renewedAs\": \"%s\"".formatted(id("m2"), id("c5")));
            commitment(events, "c5", "CommitmentMade", 1, """
                    "allyId": "%s", "category": "MENTORING_AND_SPONSORING", "statement": "s", "startsOn": "2033-01-01",
                    "endsOn": "2033-06-30", "targetActions": 5, "visibility": "PRIVATE", "renewedFrom": "%s\"""".formatted(id("m2"), id("c4")));

            launched(events, "i1", "Panels", 10);
            launched(events, "i2", "Circles", null);
            pledge(events, "i1", "SponsorshipPledged", 2, "d1", "");
            pledge(events, "i1", "SponsorshipPledged", 3, "d2", "");
            pledge(events, "i1", "SponsorshipPledged", 4, "m1", "");
            pledge(events, "i1", "SponsorshipFulfilled", 5, "d1", ", \"outcome\": \"Ran six panels.\"");
            pledge(events, "i1", "SponsorshipWithdrawn", 6, "m1", ", \"reason\": \"leave\"");
            pledge(events, "i2", "SponsorshipPledged", 2, "d1", "");
            sponsorship(events, "i2", "InitiativeClosed", 3, "\"year\": 2032");
        }

        // four projections consume four topics independently: wait until all of them have caught up
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertReports(ops, mkt));

        try (EventSender events = new EventSender(kafka)) {
            published.forEach(events::send);
            send(events, PeopleEvents.person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, id("marker"), 1, mkt, true));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> asAnalyst().get("/reports/sponsorship?year=2032").then()
                .body("byDepartment.find { it.department == '" + mkt + "' }.activeEmployees", equalTo(3)));
        published.clear();
        assertReports(ops, mkt);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> asAnalyst().get("/ops/projections").then().statusCode(200)
                .body("find { it.projection == 'reporting.commitments' }.lag", equalTo(0))
                .body("find { it.projection == 'reporting.sponsorships' }.partitions.size()", equalTo(3))
                .body("find { it.projection == 'reporting.sponsorships' }.lag", equalTo(0)));
    }

    private void assertReports(String ops, String mkt) {
        asAnalyst().get("/reports/commitment-fulfilment?year=2032&by=category").then().statusCode(200)
                .body("groups.name", contains("CONTINUOUS_LEARNING", "MENTORING_AND_SPONSORING"))
                .body("groups.made", contains(2, 2))
                .body("groups.active", contains(0, 1))
                .body("groups.fulfilled", contains(1, 0))
                .body("groups.withdrawn", contains(1, 0))
                .body("groups.lapsed", contains(0, 1))
                .body("groups.fulfilmentRate", contains(0.5f, 0.0f))
                .body("groups.actionsLogged", contains(3, 1))
                .body("groups.renewed", contains(0, 1));
        asAnalyst().get("/reports/commitment-fulfilment?year=2032&by=department").then().statusCode(200)
                .body("groups.name", contains(mkt, ops))
                .body("groups.made", contains(2, 2))
                .body("groups.fulfilled", contains(0, 1));
        String csv = asAnalyst().accept("text/csv").get("/reports/commitment-fulfilment?year=2032&by=category")
                .then().statusCode(200).contentType("text/csv").extract().asString();
        assertEquals(List.of("year,by,group,made,active,fulfilled,withdrawn,lapsed,fulfilmentRate,actionsLogged,renewed",
                "2032,category,CONTINUOUS_LEARNING,2,0,1,1,0,0.5,3,0",
                "2032,category,MENTORING_AND_SPONSORING,2,1,0,0,1,0.0,1,1"), csv.lines().toList());
        asAnalyst().get("/reports/commitment-fulfilment?year=2033&by=category").then().statusCode(200)
                .body("groups.find { it.name == 'MENTORING_AND_SPONSORING' }.made", equalTo(1));

        asAnalyst().get("/reports/sponsorship?year=2032").then().statusCode(200)
                .body("initiatives.findAll { it.name.endsWith('" + run + "') }.name", contains(id("Circles"), id("Panels")))
                .body("initiatives.findAll { it.name.endsWith('" + run + "') }.sponsors", contains(1, 2))
                .body("initiatives.findAll { it.name.endsWith('" + run + "') }.fulfilled", contains(0, 1))
                .body("byDepartment.find { it.department == '" + ops + "' }.activeEmployees", equalTo(3))
                .body("byDepartment.find { it.department == '" + ops + "' }.withPledge", equalTo(2))
                .body("byDepartment.find { it.department == '" + ops + "' }.coverage", equalTo(0.667f))
                .body("byDepartment.find { it.department == '" + mkt + "' }.withPledge", equalTo(0));
        String sponsorshipCsv = asAnalyst().accept("text/csv").get("/reports/sponsorship?year=2032").then().statusCode(200).extract().asString();
        assertTrue(sponsorshipCsv.lines().anyMatch(line -> line.equals("2032,coverage,," + ops + ",,,,,,3,2,0.667")), sponsorshipCsv);

        asAnalyst().get("/reports/allies/{id}", id("d1")).then().statusCode(200)
                .body("department", equalTo(ops)).body("commitments.status", contains("FULFILLED"))
                .body("actionsLogged", equalTo(2)).body("sponsorships.status", contains("PLEDGED", "FULFILLED"))
                .body("commitmentsRenewed", equalTo(0));
        asAnalyst().get("/reports/allies/{id}", id("m2")).then().statusCode(200)
                .body("commitments.commitmentId", contains(id("c4"), id("c5")))
                .body("commitments.renewedAs", contains(id("c5"), null))
                .body("commitments.renewedFrom", contains(null, id("c4")))
                .body("commitmentsRenewed", equalTo(1));
        String profileCsv = asAnalyst().accept("text/csv").get("/reports/allies/{id}", id("m2")).then().statusCode(200).extract().asString();
        assertTrue(profileCsv.lines().anyMatch(line -> line.startsWith(id("m2") + ",")
                && line.endsWith(",commitmentRenewed," + id("c4") + ",," + id("c5") + ",,")), profileCsv);

        List<String> unpledged = new ArrayList<>();
        String cursor = "";
        do {
            var page = asAnalyst().queryParam("year", 2032).queryParam("limit", 50).queryParam("cursor", cursor)
                    .get("/reports/sponsorship/unpledged").then().statusCode(200).extract().jsonPath();
            unpledged.addAll(page.getList("people.employeeId", String.class));
            cursor = page.getString("next");
        } while (cursor != null);
        assertEquals(List.of(id("d3"), id("m1"), id("m2")), unpledged.stream().filter(p -> p.endsWith(run) && !p.startsWith("marker")).sorted().toList());

        // the CSV export names its next page in a Link header: following it gives every row, as the JSON pages do
        List<String> csvRows = new ArrayList<>();
        String page = "/reports/sponsorship/unpledged?year=2032&limit=100";
        while (page != null) {
            var response = asAnalyst().accept("text/csv").get(page).then().statusCode(200).extract();
            csvRows.addAll(response.asString().lines().skip(1).toList());
            String link = response.header("Link");
            page = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        }
        assertEquals(unpledged.size(), csvRows.size(), csvRows.toString());
    }

    /**
     * The report holds a page of the year's initiatives by name; its next continues at /reports/sponsorship/initiatives,
     * page after page, in JSON and in CSV (by the Link header), each initiative once; a cursor that is no initiative of
     * the year is refused with a problem naming it.
     */
    @Test
    void theYearsInitiativesArePagedByName() {
        List<String> names = List.of("Eve", "Ash", "Dew", "Bay", "Cap");
        try (EventSender events = new EventSender(kafka)) {
            for (String name : names) {
                sponsorship(events, "p-" + name, "InitiativeLaunched", 1, """
                        "name": "%s", "erg": "ERG", "year": 2037, "description": null, "sponsorCapacity": null""".formatted(id(name)));
            }
        }
        List<String> byName = names.stream().map(this::id).sorted().toList();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> asAnalyst().get("/reports/sponsorship?year=2037").then().statusCode(200)
                .body("initiatives.name", equalTo(byName)).body("next", nullValue()));

        var first = asAnalyst().get("/reports/sponsorship?year=2037&limit=2").then().statusCode(200)
                .body("initiatives.name", contains(byName.get(0), byName.get(1))).body("next", equalTo(id("p-Bay")))
                .body("overall.activeEmployees", notNullValue()).extract();
        List<String> paged = new ArrayList<>(first.jsonPath().getList("initiatives.name", String.class));
        String cursor = first.jsonPath().getString("next");
        while (cursor != null) {
            var page = asAnalyst().queryParam("year", 2037).queryParam("limit", 2).queryParam("cursor", cursor)
                    .get("/reports/sponsorship/initiatives").then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("initiatives.name", String.class));
            cursor = page.getString("next");
        }
        assertEquals(byName, paged);

        List<String> csvNames = new ArrayList<>();
        String page = "/reports/sponsorship?year=2037&limit=2";
        while (page != null) {
            var response = asAnalyst().accept("text/csv").get(page).then().statusCode(200).extract();
            List<String> lines = response.asString().lines().toList();
            assertEquals("year,kind,id,name,erg,sponsorCapacity,open,sponsors,fulfilled,activeEmployees,withPledge,coverage", lines.get(0));
            lines.stream().filter(line -> line.startsWith("2037,initiative,")).map(line -> line.split(",")[3]).forEach(csvNames::add);
            String link = response.header("Link");
            page = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        }
        assertEquals(byName, csvNames);

        asAnalyst().get("/reports/sponsorship/initiatives?year=2036&cursor=" + id("p-Bay")).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
        asAnalyst().get("/reports/sponsorship/initiatives?year=2037&cursor=no%20cursor").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    private void made(EventSender events, String commitment, String ally, String category, int target) {
        commitment(events, commitment, "CommitmentMade", 1, """
                "allyId": "%s", "category": "%s", "statement": "s", "startsOn": "2032-01-01", "endsOn": "2032-06-30",
                "targetActions": %d, "visibility": "PRIVATE", "renewedFrom": null""".formatted(id(ally), category, target));
    }

    private void action(EventSender events, String commitment, String ally, String action, long version) {
        commitment(events, commitment, "ActionLogged", version, """
                "allyId": "%s", "actionId": "%s", "kind": "READING", "occurredOn": "2032-01-10", "note": null,
                "evidenceUrl": null, "source": "SELF", "externalRef": null""".formatted(id(ally), id(action)));
    }

    private void commitment(EventSender events, String commitment, String type, long version, String fields) {
        send(events, EventSender.cloudEvent(Topics.COMMITMENTS, id(commitment), UUID.randomUUID(),
                EventSender.publishedType(type), version, "{\"commitmentId\": \"%s\", %s}".formatted(id(commitment), fields), T0));
    }

    private void launched(EventSender events, String initiative, String name, Integer capacity) {
        sponsorship(events, initiative, "InitiativeLaunched", 1, """
                "name": "%s", "erg": "ERG", "year": 2032, "description": null, "sponsorCapacity": %s""".formatted(id(name), capacity));
    }

    private void pledge(EventSender events, String initiative, String type, long version, String ally, String extra) {
        sponsorship(events, initiative, type, version, "\"allyId\": \"%s\", \"year\": 2032%s".formatted(id(ally), extra));
    }

    private void sponsorship(EventSender events, String initiative, String type, long version, String fields) {
        send(events, EventSender.cloudEvent(Topics.SPONSORSHIPS, id(initiative), UUID.randomUUID(),
                EventSender.publishedType(type), version, "{\"initiativeId\": \"%s\", %s}".formatted(id(initiative), fields), T0));
    }

    private void send(EventSender events, ProducerRecord<String, String> record) {
        published.add(record);
        events.send(record);
    }

    private static RequestSpecification asAnalyst() {
        return given().auth().oauth2(TestTokens.token("analyst-1", Roles.ANALYST));
    }
}

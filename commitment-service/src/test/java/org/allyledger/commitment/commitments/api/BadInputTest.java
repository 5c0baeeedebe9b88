package org.allyledger.commitment.commitments.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.allyledger.commitment.Api.asEmployee;
import static org.allyledger.commitment.Api.commitment;
import static org.allyledger.commitment.Api.newPerson;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;

/** Bad input is a 4xx problem naming the field, never a 5xx. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "commitment"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class BadInputTest {
    private String ally;
    private String id;

    @BeforeEach
    void anAllyWithACommitment() {
        ally = newPerson("Engineering");
        id = asEmployee(ally).body(commitment(5, "PRIVATE")).post("/commitments").then().statusCode(201).extract().path("id");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "/commitments| {\"category\": | 400 | body",
            "/commitments| {\"category\": \"BEING_NICE\", \"statement\": \"s\", \"startsOn\": \"2026-01-01\", \"endsOn\": \"2026-06-01\", \"targetActions\": 1} | 400 | category",
            "/commitments| {\"category\": \"INCLUSIVE_LANGUAGE\", \"statement\": \"s\", \"startsOn\": \"2026-02-30\", \"endsOn\": \"2026-06-01\", \"targetActions\": 1} | 400 | startsOn",
            "/commitments| {\"category\": \"INCLUSIVE_LANGUAGE\", \"statement\": \"s\", \"startsOn\": \"2026-01-01\", \"endsOn\": \"2026-06-01\", \"targetActions\": \"many\"} | 400 | targetActions",
            "/commitments| {\"category\": \"INCLUSIVE_LANGUAGE\", \"startsOn\": \"2026-01-01\", \"endsOn\": \"2026-06-01\", \"targetActions\": 1} | 400 | statement",
            "/commitments| {\"category\": \"INCLUSIVE_LANGUAGE\", \"statement\": \"s\", \"startsOn\": \"2026-01-01\", \"endsOn\": \"2026-06-01\", \"targetActions\": 5000} | 400 | targetActions",
            "/commitments| {\"category\": \"INCLUSIVE_LANGUAGE\", \"statement\": \"s\", \"startsOn\": \"+99999-01-01\", \"endsOn\": \"2026-06-01\", \"targetActions\": 1} | 400 | startsOn",
            "ACTIONS| {\"kind\": \"DANCING\", \"occurredOn\": \"2026-01-01\"} | 400 | kind",
            "ACTIONS| {\"kind\": \"READING\", \"occurredOn\": \"yesterday\"} | 400 | occurredOn",
            "ACTIONS| {\"kind\": \"READING\", \"occurredOn\": \"2026-01-01\", \"evidenceUrl\": \"ftp://x\"} | 400 | evidenceUrl",
            "ACTIONS| {\"kind\": \"READING\"} | 400 | occurredOn",
            "/initiatives/nope/sponsorships| {\"allyId\": \"has spaces\"} | 400 | allyId",
    })
    void isRefusedNamingTheField(String path, String body, int status, String field) {
        String target = path.equals("ACTIONS") ? "/commitments/" + id + "/actions" : path;
        asEmployee(ally).body(body).post(target).then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("errors.field", hasItem(field));
    }

    @org.junit.jupiter.api.Test
    void oversizeTextIsRefused() {
        asEmployee(ally).body("{\"kind\": \"READING\", \"occurredOn\": \"2026-01-01\", \"note\": \"" + "x".repeat(2001) + "\"}")
                .post("/commitments/{id}/actions", id).then().statusCode(400).body("errors.field", hasItem("note"));
    }

    @org.junit.jupiter.api.Test
    void unknownIdsAre404Problems() {
        asEmployee(ally).get("/commitments/{id}", "no-such-commitment").then().statusCode(404).contentType("application/problem+json");
        asEmployee(ally).body("{\"kind\": \"READING\", \"occurredOn\": \"2026-01-01\"}").post("/commitments/{id}/actions", "no-such")
                .then().statusCode(404);
        asEmployee(ally).body("{}").post("/initiatives/{id}/sponsorships", "no-such-initiative").then().statusCode(404);
    }

    @org.junit.jupiter.api.Test
    void aBadIfMatchOrCursorIsA4xx() {
        asEmployee(ally).header("If-Match", "yesterday").body("{\"reason\": \"r\"}").post("/commitments/{id}/withdrawal", id)
                .then().statusCode(400).body("errors[0].field", equalTo("If-Match"));
        asEmployee(ally).queryParam("cursor", "abc").get("/people/{ally}/commitments", ally).then().statusCode(lessThan(500));
        asEmployee(ally).queryParam("limit", 100000).get("/people/{ally}/commitments", ally).then().statusCode(400);
    }
}

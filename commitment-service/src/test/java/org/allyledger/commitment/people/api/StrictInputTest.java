package org.allyledger.commitment.people.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.allyledger.api.auth.Roles;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TestDatabase;
import org.allyledger.infra.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.allyledger.commitment.Api.asEmployee;
import static org.allyledger.commitment.Api.asHr;
import static org.allyledger.commitment.Api.newPerson;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each way a value used to be coerced, altered or answered with a 5xx is now a 4xx problem naming the part at fault. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "commitment"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class StrictInputTest {
    private static final String PERSON = """
            {"displayName": %s, "email": "ada@example.org", "department": "Engineering", "location": "London", "workModel": %s}""";

    private static String person(String displayName, String workModel) {
        return PERSON.formatted(displayName, workModel);
    }

    private static void refused(String body, int status, String field) {
        asHr().body(body).put("/people/{id}", "e-" + UUID.randomUUID().toString().substring(0, 8)).then().statusCode(status)
                .contentType("application/problem+json").body("status", equalTo(status)).body("errors[0].field", equalTo(field));
    }

    @ParameterizedTest(name = "displayName {0}")
    @ValueSource(strings = {"\"Ada\\u0000Lovelace\"", "\"Ada\\ud800Lovelace\"", "\"Ada\\udc00\"", "\"Ada\\u001bLovelace\"", "\"\\u007f\"", "1", "true", "1.5"})
    void textWithControlCharactersOrOfAnotherTypeIsRefusedOnItsField(String displayName) {
        refused(person(displayName, "\"HYBRID\""), 400, "displayName");
    }

    @ParameterizedTest(name = "workModel {0}")
    @ValueSource(strings = {"1", "0", "\"hybrid\"", "\"SPACESHIP\"", "[\"HYBRID\"]"})
    void anEnumIsNamedNeverGivenByOrdinal(String workModel) {
        refused(person("\"Ada\"", workModel), 400, "workModel");
    }

    @Test
    void contentAfterTheDocumentAndUnknownFieldsAreRefused() {
        refused(person("\"Ada\"", "\"HYBRID\"") + " {}", 400, "body");
        refused(person("\"Ada\"", "\"HYBRID\"").replace("{", "{\"dispalyName\": \"Ada\", "), 400, "dispalyName");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+999999999-12-31", "2026-01-01T00:00:00Z", "0000-01-01", "1899-12-31", "10000-01-01", "2026-1-1", "2026-02-30"})
    void aDateIsOneIsoDateInTheDocumentedRange(String date) {
        String ally = newPerson("Engineering");
        asEmployee(ally).body("""
                        {"category": "CONTINUOUS_LEARNING", "statement": "s", "startsOn": "%s", "endsOn": "2026-06-01",
                         "targetActions": 1, "visibility": "PRIVATE"}""".formatted(date))
                .post("/commitments").then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("startsOn"));
    }

    @Test
    void aWholeNumberIsNeverAFractionOrText() {
        String ally = newPerson("Engineering");
        for (String target : new String[]{"1.5", "\"2\"", "1e2", "true"}) {
            asEmployee(ally).body("""
                            {"category": "CONTINUOUS_LEARNING", "statement": "s", "startsOn": "2026-01-01", "endsOn": "2026-06-01",
                             "targetActions": %s, "visibility": "PRIVATE"}""".formatted(target))
                    .post("/commitments").then().statusCode(400).body("errors[0].field", equalTo("targetActions"));
        }
    }

    @Test
    void aBodyThatIsNotWellFormedUtf8IsRefused() throws Exception {
        byte[] overlongSlash = new byte[]{'{', '"', 'd', 'i', 's', 'p', 'l', 'a', 'y', 'N', 'a', 'm', 'e', '"', ':', '"', 'a', (byte) 0xC0, (byte) 0xAF, 'b', '"', '}'};
        HttpResponse<String> response = raw("PUT", "/people/e-utf8", overlongSlash, "application/json");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("UTF-8"), response.body());
    }

    @Test
    void unreadableOrMissingMediaTypesAndBadParametersAreProblems() throws Exception {
        byte[] body = person("\"Ada\"", "\"HYBRID\"").getBytes(StandardCharsets.UTF_8);
        assertProblem(raw("PUT", "/people/e-x", body, "garbage/;;;"), 415);
        assertProblem(raw("PUT", "/people/e-x", body, null), 415);
        assertProblem(raw("PUT", "/people/e-x", body, "text/plain"), 415);
        assertProblem(raw("GET", "/people/%00", null, null), 400);
        assertProblem(raw("GET", "/people/a%C0%AFb", null, null), 400);
        assertProblem(raw("GET", "/people/" + "x".repeat(8000), null, null), 414);
        HttpResponse<String> limit = raw("GET", "/initiatives?limit=abc", null, null);
        assertProblem(limit, 400);
        assertTrue(limit.body().contains("\"field\":\"limit\""), limit.body());
        HttpResponse<String> year = raw("GET", "/initiatives?year=abc", null, null);
        assertProblem(year, 400);
        assertTrue(year.body().contains("\"field\":\"year\""), year.body());
        assertProblem(raw("DELETE", "/initiatives", null, null), 405);
        assertProblem(raw("GET", "/no-such-thing", null, null), 404);
    }

    @Test
    void aBodyOverTheSizeLimitAndAnUnacceptableMediaTypeAreProblems() throws Exception {
        byte[] huge = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertProblem(raw("POST", "/people/imports", huge, "application/json"), 413);
        HttpResponse<String> xml = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/initiatives"))
                .header("Authorization", "Bearer " + TestTokens.token("hris", Roles.HR_SYSTEM)).header("Accept", "application/xml").build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(xml, 406);
    }

    @Test
    void aCsvImportWithAControlCharacterIsRefusedWholeAndWritesNothing() throws Exception {
        long before = TestDatabase.eventsWritten();
        String csv = "employeeId,displayName,email,department,location,workModel,managerId,active\n"
                + "csv-ok-" + UUID.randomUUID().toString().substring(0, 6) + ",Ada,ada@example.org,Eng,London,HYBRID,,true\n"
                + "csv-nul-" + UUID.randomUUID().toString().substring(0, 6) + ",A\u0000da,ada@example.org,Eng,London,HYBRID,,true\n";
        assertProblem(raw("POST", "/people/imports", csv.getBytes(StandardCharsets.UTF_8), "text/csv"), 400);
        assertEquals(before, TestDatabase.eventsWritten());
    }

    @Test
    void extremeButValidTextIsStoredAndReadBackExactly() {
        String id = "e-" + UUID.randomUUID().toString().substring(0, 8);
        String name = "Zoë 李小龍 👩🏽‍💻 עברית e\u0301 \t ".repeat(4).strip() + "😀";
        asHr().body(person("\"" + name.replace("\t", "\\t") + "\"", "\"REMOTE\"")).put("/people/{id}", id).then().statusCode(201);
        asHr().get("/people/{id}", id).then().statusCode(200).body("displayName", equalTo(name));

        String statement = "Mentor two colleagues\n\t– one each quarter 🌱, in עברית and 中文\r\nand report back.";
        String commitment = asEmployee(id).body("""
                        {"category": "MENTORING_AND_SPONSORING", "statement": "%s", "startsOn": "%s", "endsOn": "%s",
                         "targetActions": 2, "visibility": "PRIVATE"}""".formatted(statement.replace("\n", "\\n").replace("\t", "\\t")
                        .replace("\r", "\\r"), java.time.LocalDate.now(), java.time.LocalDate.now().plusMonths(3)))
                .post("/commitments").then().statusCode(201).extract().path("id");
        asEmployee(id).get("/commitments/{id}", commitment).then().statusCode(200).body("statement", equalTo(statement));
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), response.headers().toString());
        assertTrue(response.body().contains("\"status\":" + status), response.body());
    }

    private static HttpResponse<String> raw(String method, String path, byte[] body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("Authorization", "Bearer " + TestTokens.token("hris", Roles.HR_SYSTEM))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

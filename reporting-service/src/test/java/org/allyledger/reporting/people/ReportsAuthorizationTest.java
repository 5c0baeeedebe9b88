package org.allyledger.reporting.people;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.Persona;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Every report × every role: analysts (and program admins) read reports; nobody else does. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class ReportsAuthorizationTest {

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @CsvSource({
            "/reports/headcount, ANONYMOUS, 401",
            "/reports/headcount, EMPLOYEE_SELF, 403",
            "/reports/headcount, EMPLOYEE_OTHER, 403",
            "/reports/headcount, HR_SYSTEM, 403",
            "/reports/headcount, PROGRAM_ADMIN, 200",
            "/reports/headcount, ANALYST, 200",
            "/reports/ally-of-the-month/2031-03, ANONYMOUS, 401",
            "/reports/ally-of-the-month/2031-03, EMPLOYEE_SELF, 403",
            "/reports/ally-of-the-month/2031-03, EMPLOYEE_OTHER, 403",
            "/reports/ally-of-the-month/2031-03, HR_SYSTEM, 403",
            "/reports/ally-of-the-month/2031-03, PROGRAM_ADMIN, 200",
            "/reports/ally-of-the-month/2031-03, ANALYST, 200",
            "/reports/ally-of-the-month?year=2031, ANONYMOUS, 401",
            "/reports/ally-of-the-month?year=2031, EMPLOYEE_SELF, 403",
            "/reports/ally-of-the-month?year=2031, EMPLOYEE_OTHER, 403",
            "/reports/ally-of-the-month?year=2031, HR_SYSTEM, 403",
            "/reports/ally-of-the-month?year=2031, PROGRAM_ADMIN, 200",
            "/reports/ally-of-the-month?year=2031, ANALYST, 200",
            "/reports/recognition-equity?year=2031&by=location, ANONYMOUS, 401",
            "/reports/recognition-equity?year=2031&by=location, EMPLOYEE_SELF, 403",
            "/reports/recognition-equity?year=2031&by=location, EMPLOYEE_OTHER, 403",
            "/reports/recognition-equity?year=2031&by=location, HR_SYSTEM, 403",
            "/reports/recognition-equity?year=2031&by=location, PROGRAM_ADMIN, 200",
            "/reports/recognition-equity?year=2031&by=location, ANALYST, 200",
            "/reports/sponsorship?year=2032, ANONYMOUS, 401",
            "/reports/sponsorship?year=2032, EMPLOYEE_SELF, 403",
            "/reports/sponsorship?year=2032, EMPLOYEE_OTHER, 403",
            "/reports/sponsorship?year=2032, HR_SYSTEM, 403",
            "/reports/sponsorship?year=2032, PROGRAM_ADMIN, 200",
            "/reports/sponsorship?year=2032, ANALYST, 200",
            "/reports/sponsorship/initiatives?year=2032, ANONYMOUS, 401",
            "/reports/sponsorship/initiatives?year=2032, EMPLOYEE_SELF, 403",
            "/reports/sponsorship/initiatives?year=2032, EMPLOYEE_OTHER, 403",
            "/reports/sponsorship/initiatives?year=2032, HR_SYSTEM, 403",
            "/reports/sponsorship/initiatives?year=2032, PROGRAM_ADMIN, 200",
            "/reports/sponsorship/initiatives?year=2032, ANALYST, 200",
            "/reports/sponsorship/unpledged?year=2032, ANONYMOUS, 401",
            "/reports/sponsorship/unpledged?year=2032, EMPLOYEE_SELF, 403",
            "/reports/sponsorship/unpledged?year=2032, EMPLOYEE_OTHER, 403",
            "/reports/sponsorship/unpledged?year=2032, HR_SYSTEM, 403",
            "/reports/sponsorship/unpledged?year=2032, PROGRAM_ADMIN, 200",
            "/reports/sponsorship/unpledged?year=2032, ANALYST, 200",
            "/reports/commitment-fulfilment?year=2032, ANONYMOUS, 401",
            "/reports/commitment-fulfilment?year=2032, EMPLOYEE_SELF, 403",
            "/reports/commitment-fulfilment?year=2032, EMPLOYEE_OTHER, 403",
            "/reports/commitment-fulfilment?year=2032, HR_SYSTEM, 403",
            "/reports/commitment-fulfilment?year=2032, PROGRAM_ADMIN, 200",
            "/reports/commitment-fulfilment?year=2032, ANALYST, 200",
            "/reports/allies/nobody, ANONYMOUS, 401",
            "/reports/allies/nobody, EMPLOYEE_SELF, 403",
            "/reports/allies/nobody, EMPLOYEE_OTHER, 403",
            "/reports/allies/nobody, HR_SYSTEM, 403",
            "/reports/allies/nobody, PROGRAM_ADMIN, 404",
            "/reports/allies/nobody, ANALYST, 404",
            "/ops/projections, ANONYMOUS, 401",
            "/ops/projections, EMPLOYEE_SELF, 403",
            "/ops/projections, EMPLOYEE_OTHER, 403",
            "/ops/projections, HR_SYSTEM, 403",
            "/ops/projections, PROGRAM_ADMIN, 200",
            "/ops/projections, ANALYST, 200",
    })
    void matrix(String path, Persona persona, int status) {
        String token = persona.token("someone");
        (token == null ? given() : given().auth().oauth2(token)).get(path).then().statusCode(status);
    }

    /** Program admins start and cancel rebuilds; analysts follow them. A rebuild of an unknown id is 404 once allowed. */
    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @CsvSource({
            "POST, /ops/projections/reporting.people/rebuilds, ANONYMOUS, 401",
            "POST, /ops/projections/reporting.people/rebuilds, EMPLOYEE_SELF, 403",
            "POST, /ops/projections/reporting.people/rebuilds, EMPLOYEE_OTHER, 403",
            "POST, /ops/projections/reporting.people/rebuilds, HR_SYSTEM, 403",
            "POST, /ops/projections/reporting.people/rebuilds, ANALYST, 403",
            "POST, /ops/projections/reporting.people/rebuilds, PROGRAM_ADMIN, 202",
            "GET, /ops/projections/reporting.people/rebuilds, ANONYMOUS, 401",
            "GET, /ops/projections/reporting.people/rebuilds, EMPLOYEE_SELF, 403",
            "GET, /ops/projections/reporting.people/rebuilds, EMPLOYEE_OTHER, 403",
            "GET, /ops/projections/reporting.people/rebuilds, HR_SYSTEM, 403",
            "GET, /ops/projections/reporting.people/rebuilds, ANALYST, 200",
            "GET, /ops/projections/reporting.people/rebuilds, PROGRAM_ADMIN, 200",
            "GET, /ops/projections/reporting.people/rebuilds/00000000-0000-0000-0000-000000000000, ANONYMOUS, 401",
            "GET, /ops/projections/reporting.people/rebuilds/00000000-0000-0000-0000-000000000000, EMPLOYEE_SELF, 403",
            "GET, /ops/projections/reporting.people/rebuilds/00000000-0000-0000-0000-000000000000, EMPLOYEE_OTHER, 403",
            "GET, /ops/projections/reporting.people/rebuilds/00000000-0000-0000-0000-000000000000, HR_SYSTEM, 403",
            "GET, /ops/projections/reporting.people/rebuilds/00000000-0000-0000-0000-000000000000, ANALYST, 404",
            "GET, /ops/projections/reporting.people/rebuilds/00000000-0000-0000-0000-000000000000, PROGRAM_ADMIN, 404",
            "DELETE, /ops/projections/reporting.people/rebuilds/00000000-0000-0000-0000-000000000000, ANONYMOUS, 401",
            "DELETE, /ops/projections/reporting.people/rebuilds/00000000-0000-0000-0000-000000000000, EMPLOYEE_SELF, 403",
            "DELETE, /ops/projections/reporting.people/rebuilds/00000000-0000-0000-0000-000000000000, EMPLOYEE_OTHER, 403",
            "DELETE, /ops/projections/reporting.people/rebuilds/00000000-0000-0000-0000-000000000000, HR_SYSTEM, 403",
            "DELETE, /ops/projections/reporting.people/rebuilds/00000000-0000-0000-0000-000000000000, ANALYST, 403",
            "DELETE, /ops/projections/reporting.people/rebuilds/00000000-0000-0000-0000-000000000000, PROGRAM_ADMIN, 404",
    })
    void rebuildMatrix(String method, String path, Persona persona, int status) {
        String token = persona.token("someone");
        // each admin POST is a new rebuild: a key of its own, so that a running one does not answer 409
        String location = (token == null ? given() : given().auth().oauth2(token))
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .request(method, path).then().statusCode(status).extract().header("Location");
        if (status == 202) {
            // the rebuild it started finishes before other tests start theirs
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() ->
                    given().auth().oauth2(token).get(location).then().body("status", equalTo("SWAPPED")));
        }
    }

    /** Dead letters are program admins' to read and re-drive; an unknown one is 404 once allowed. */
    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @CsvSource({
            "GET, /ops/dead-letters, ANONYMOUS, 401",
            "GET, /ops/dead-letters, EMPLOYEE_SELF, 403",
            "GET, /ops/dead-letters, HR_SYSTEM, 403",
            "GET, /ops/dead-letters, ANALYST, 403",
            "GET, /ops/dead-letters, PROGRAM_ADMIN, 200",
            "GET, /ops/dead-letters/999999999, ANONYMOUS, 401",
            "GET, /ops/dead-letters/999999999, EMPLOYEE_OTHER, 403",
            "GET, /ops/dead-letters/999999999, ANALYST, 403",
            "GET, /ops/dead-letters/999999999, PROGRAM_ADMIN, 404",
            "POST, /ops/dead-letters/999999999/redrive, ANONYMOUS, 401",
            "POST, /ops/dead-letters/999999999/redrive, HR_SYSTEM, 403",
            "POST, /ops/dead-letters/999999999/redrive, ANALYST, 403",
            "POST, /ops/dead-letters/999999999/redrive, PROGRAM_ADMIN, 404",
            "POST, /ops/dead-letters/redrive?consumer=nobody, ANONYMOUS, 401",
            "POST, /ops/dead-letters/redrive?consumer=nobody, EMPLOYEE_SELF, 403",
            "POST, /ops/dead-letters/redrive?consumer=nobody, ANALYST, 403",
            "POST, /ops/dead-letters/redrive?consumer=nobody, PROGRAM_ADMIN, 404",
    })
    void deadLetterMatrix(String method, String path, Persona persona, int status) {
        String token = persona.token("someone");
        (token == null ? given() : given().auth().oauth2(token)).request(method, path).then().statusCode(status);
    }

    @org.junit.jupiter.api.Test
    void theMatrixCoversEveryOperationInTheOpenApiDocument() {
        java.util.Map<String, Object> paths = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath().getMap("paths");
        long operations = paths.values().stream().mapToLong(p -> ((java.util.Map<?, ?>) p).keySet().stream()
                .filter(m -> java.util.List.of("get", "put", "post", "delete", "patch").contains(m)).count()).sum();
        org.junit.jupiter.api.Assertions.assertEquals(18, operations, "operations: " + paths.keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"expired", "wronglySigned", "fromAnotherIssuer"})
    void tokensThatCannotBeTrustedAreRefused(String kind) {
        String token = switch (kind) {
            case "expired" -> TestTokens.expired("analyst-1", "analyst");
            case "wronglySigned" -> TestTokens.wronglySigned("analyst-1", "analyst");
            default -> TestTokens.fromAnotherIssuer("analyst-1", "analyst");
        };
        given().auth().oauth2(token).get("/reports/headcount")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi"})
    void operationalEndpointsStayPublic(String path) {
        given().get(path).then().statusCode(200);
    }
}

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
            "/reports/headcount, ANONYMOUS,      401",
            "/reports/headcount, EMPLOYEE_SELF,  403",
            "/reports/headcount, HR_SYSTEM,      403",
            "/reports/headcount, PROGRAM_ADMIN,  200",
            "/reports/headcount, ANALYST,        200",
    })
    void matrix(String path, Persona persona, int status) {
        String token = persona.token("someone");
        (token == null ? given() : given().auth().oauth2(token)).get(path).then().statusCode(status);
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

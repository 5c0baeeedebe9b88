package org.allyledger.recognition.people;

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

/** Every recognition endpoint × every role × own/other. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "recognition"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class PeopleReplicaAuthorizationTest {
    private static final String OWNER = "matrix-owner";

    @ParameterizedTest(name = "eligibility as {0} -> {1}")
    @CsvSource({
            "ANONYMOUS,      401",
            "EMPLOYEE_SELF,  200",
            "EMPLOYEE_OTHER, 200",
            "HR_SYSTEM,      200",
            "PROGRAM_ADMIN,  200",
            "ANALYST,        403",
    })
    void eligibility(Persona persona, int status) {
        String token = persona.token(OWNER);
        (token == null ? given() : given().auth().oauth2(token)).get("/people/{id}/eligibility", OWNER)
                .then().statusCode(status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"expired", "wronglySigned", "fromAnotherIssuer"})
    void tokensThatCannotBeTrustedAreRefused(String kind) {
        String token = switch (kind) {
            case "expired" -> TestTokens.expired("admin-1", "program-admin");
            case "wronglySigned" -> TestTokens.wronglySigned("admin-1", "program-admin");
            default -> TestTokens.fromAnotherIssuer("admin-1", "program-admin");
        };
        given().auth().oauth2(token).get("/people/{id}/eligibility", OWNER)
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi"})
    void operationalEndpointsStayPublic(String path) {
        given().get(path).then().statusCode(200);
    }
}

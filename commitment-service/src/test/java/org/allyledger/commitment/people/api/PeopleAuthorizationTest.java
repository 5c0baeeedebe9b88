package org.allyledger.commitment.people.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.Persona;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.BiFunction;

import static io.restassured.RestAssured.given;
import static org.allyledger.commitment.people.api.PeoplePublicationTest.asHr;
import static org.allyledger.commitment.people.api.PeoplePublicationTest.person;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** Every people endpoint × every role × own/other record. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "commitment"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class PeopleAuthorizationTest {
    private static final String OWNER = "matrix-owner";

    @BeforeEach
    void ownerExists() {
        asHr().contentType(ContentType.JSON).body(person("Engineering")).put("/people/{id}", OWNER)
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "PUT, ANONYMOUS,      401",
            "PUT, EMPLOYEE_SELF,  403",
            "PUT, EMPLOYEE_OTHER, 403",
            "PUT, HR_SYSTEM,      200",
            "PUT, PROGRAM_ADMIN,  403",
            "PUT, ANALYST,        403",
            "GET, ANONYMOUS,      401",
            "GET, EMPLOYEE_SELF,  200",
            "GET, EMPLOYEE_OTHER, 403",
            "GET, HR_SYSTEM,      200",
            "GET, PROGRAM_ADMIN,  200",
            "GET, ANALYST,        403",
    })
    void matrix(String method, Persona persona, int status) {
        RequestSpecification request = as(persona.token(OWNER)).contentType(ContentType.JSON).body(person("Engineering"));
        var response = "PUT".equals(method) ? request.put("/people/{id}", OWNER) : request.get("/people/{id}", OWNER);
        response.then().statusCode(status);
        if (status >= 400) {
            response.then().contentType("application/problem+json").body("status", equalTo(status))
                    .body(not(containsString("Exception")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"expired", "wronglySigned", "fromAnotherIssuer"})
    void tokensThatCannotBeTrustedAreRefused(String kind) {
        BiFunction<String, String, String> mint = switch (kind) {
            case "expired" -> TestTokens::expired;
            case "wronglySigned" -> TestTokens::wronglySigned;
            default -> TestTokens::fromAnotherIssuer;
        };
        as(mint.apply("hris", "hr-system")).get("/people/{id}", OWNER)
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi"})
    void operationalEndpointsStayPublic(String path) {
        given().get(path).then().statusCode(200);
    }

    private static RequestSpecification as(String token) {
        return token == null ? given() : given().auth().oauth2(token);
    }
}

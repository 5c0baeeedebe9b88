package org.allyledger.commitment;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.function.BiFunction;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** Tokens that cannot be trusted are refused; operational endpoints need none. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "commitment"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class TokenTrustTest {

    @ParameterizedTest
    @ValueSource(strings = {"expired", "wronglySigned", "fromAnotherIssuer"})
    void tokensThatCannotBeTrustedAreRefused(String kind) {
        BiFunction<String, String, String> mint = switch (kind) {
            case "expired" -> TestTokens::expired;
            case "wronglySigned" -> TestTokens::wronglySigned;
            default -> TestTokens::fromAnotherIssuer;
        };
        given().auth().oauth2(mint.apply("hris", "hr-system")).get("/people/{id}", "someone")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
                .body(not(containsString("Exception")));
    }

    @Test
    void aTokenUsedBeforeIsRefusedOnceItExpires() {
        String token = TestTokens.lasting("hris", "hr-system", Duration.ofSeconds(3));
        // used while valid, so that it was verified once and reused since
        given().auth().oauth2(token).get("/people/{id}", "someone").then().statusCode(404);
        given().auth().oauth2(token).get("/people/{id}", "someone").then().statusCode(404);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().auth().oauth2(token).get("/people/{id}", "someone").then().statusCode(401));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi"})
    void operationalEndpointsStayPublic(String path) {
        given().get(path).then().statusCode(200);
    }
}

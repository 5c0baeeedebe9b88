package org.allyledger.recognition.nominations.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.allyledger.api.auth.Roles;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;

import static org.allyledger.recognition.RecognitionApi.as;
import static org.allyledger.recognition.RecognitionApi.asEmployee;
import static org.allyledger.recognition.RecognitionApi.newPerson;
import static org.allyledger.recognition.RecognitionApi.nomination;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The probes an HR system token could use to learn who made an anonymous nomination, acting as a suspected nominator
 * and as someone else: each gets the same answer either way, and none names the nomination.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "recognition"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class AnonymityProbesTest {
    private static final YearMonth NOW = YearMonth.now();
    private static final String STALE = "\"99\"";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aDuplicateOfAnAnonymousNominationIsRefusedWithoutPointingAtIt() {
        String nominator = newPerson(kafka);
        String nominee = newPerson(kafka);
        String id = asEmployee(nominator).body(nomination(nominee, NOW, true)).post("/nominations").then().statusCode(201).extract().path("id");

        String refusal = asHr().body(nominationAs(nominator, nominee)).post("/nominations").then().statusCode(409)
                .body("type", equalTo("https://allyledger.org/problems/duplicate-nomination")).extract().asString();

        assertFalse(refusal.contains(id), refusal);
        assertFalse(refusal.contains("existing"), refusal);
    }

    @Test
    void aNonAnonymousDuplicateStillPointsAtTheEarlierNomination() {
        String nominator = newPerson(kafka);
        String nominee = newPerson(kafka);
        String id = asEmployee(nominator).body(nomination(nominee, NOW, false)).post("/nominations").then().statusCode(201).extract().path("id");

        asEmployee(nominator).body(nomination(nominee, NOW, false)).post("/nominations").then().statusCode(409)
                .body("existing", equalTo("/nominations/" + id));
    }

    @Test
    void endorsingWithAStaleVersionAnswersTheNominatorAndAnyoneElseAlike() {
        String nominator = newPerson(kafka);
        String other = newPerson(kafka);
        String id = anonymousNominationBy(nominator);

        ExtractableResponse<Response> asNominator = asHr().header("If-Match", STALE).body("{\"endorserId\": \"" + nominator + "\"}")
                .post("/nominations/{id}/endorsements", id).then().extract();
        ExtractableResponse<Response> asOther = asHr().header("If-Match", STALE).body("{\"endorserId\": \"" + other + "\"}")
                .post("/nominations/{id}/endorsements", id).then().extract();

        assertEquals(409, asNominator.statusCode());
        assertEquals(asOther.statusCode(), asNominator.statusCode());
        assertEquals(asOther.asString(), asNominator.asString());
    }

    @Test
    void withdrawingWithAStaleVersionAnswersTheNominatorAndAnyoneElseAlike() {
        String nominator = newPerson(kafka);
        String other = newPerson(kafka);
        String id = anonymousNominationBy(nominator);

        ExtractableResponse<Response> asNominator = asHr().header("If-Match", STALE).body("{\"nominatorId\": \"" + nominator + "\"}")
                .post("/nominations/{id}/withdrawal", id).then().extract();
        ExtractableResponse<Response> asOther = asHr().header("If-Match", STALE).body("{\"nominatorId\": \"" + other + "\"}")
                .post("/nominations/{id}/withdrawal", id).then().extract();

        assertEquals(409, asNominator.statusCode());
        assertEquals(asOther.statusCode(), asNominator.statusCode());
        assertEquals(asOther.asString(), asNominator.asString());
    }

    private String anonymousNominationBy(String nominator) {
        String nominee = newPerson(kafka);
        return asEmployee(nominator).body(nomination(nominee, NOW, true)).post("/nominations").then().statusCode(201).extract().path("id");
    }

    private static String nominationAs(String nominator, String nominee) {
        return nomination(nominee, NOW, true).replaceFirst("\\{", "{\"nominatorId\": \"" + nominator + "\", ");
    }

    private static io.restassured.specification.RequestSpecification asHr() {
        return as("hris", Roles.HR_SYSTEM);
    }
}

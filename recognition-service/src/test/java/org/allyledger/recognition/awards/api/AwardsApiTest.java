package org.allyledger.recognition.awards.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;

import static org.allyledger.recognition.RecognitionApi.asAdmin;
import static org.allyledger.recognition.RecognitionApi.asEmployee;
import static org.allyledger.recognition.RecognitionApi.newPerson;
import static org.allyledger.recognition.RecognitionApi.nomination;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The award cycle. Months are chosen far apart per test (each test its own past months), since an awarded month
 * stays closed for the whole suite.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "recognition"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class AwardsApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void awardingClosesTheMonthAndRevokingKeepsItClosed() {
        YearMonth month = YearMonth.now().minusMonths(30);
        String nominator = newPerson(kafka);
        String winner = newPerson(kafka);
        asEmployee(nominator).body(nomination(winner, month, false)).post("/nominations").then().statusCode(201);

        asAdmin().body("{\"winnerId\": \"" + winner + "\"}").post("/awards/{m}", month.toString())
                .then().statusCode(201).body("status", equalTo("AWARDED")).body("winnerId", equalTo(winner));
        asEmployee(nominator).get("/awards/{m}", month.toString()).then().statusCode(200).body("winnerId", equalTo(winner));
        asEmployee(newPerson(kafka)).body(nomination(winner, month, false)).post("/nominations")
                .then().statusCode(409).body("type", equalTo("https://allyledger.org/problems/month-closed"));
        asAdmin().body("{\"winnerId\": \"" + winner + "\"}").post("/awards/{m}", month.toString()).then().statusCode(409);

        asAdmin().body("{\"reason\": \"Awarded in error.\"}").post("/awards/{m}/revocation", month.toString())
                .then().statusCode(200).body("status", equalTo("REVOKED"));
        asEmployee(newPerson(kafka)).body(nomination(winner, month, false)).post("/nominations").then().statusCode(409);
    }

    @Test
    void aWinnerWithinTheWindowIsRefusedAndEligibleAgainOnceRevoked() {
        YearMonth first = YearMonth.now().minusMonths(40);
        YearMonth second = first.plusMonths(5);
        String nominator = newPerson(kafka);
        String winner = newPerson(kafka);
        asEmployee(nominator).body(nomination(winner, first, false)).post("/nominations").then().statusCode(201);
        asEmployee(nominator).body(nomination(winner, second, false)).post("/nominations").then().statusCode(201);
        asAdmin().body("{\"winnerId\": \"" + winner + "\"}").post("/awards/{m}", first.toString()).then().statusCode(201);

        asAdmin().body("{\"winnerId\": \"" + winner + "\"}").post("/awards/{m}", second.toString())
                .then().statusCode(422).body("errors[0].field", equalTo("winnerId")).body("detail", containsString(first.toString()));

        asAdmin().body("{\"reason\": \"Reconsidered.\"}").post("/awards/{m}/revocation", first.toString()).then().statusCode(200);
        asAdmin().body("{\"winnerId\": \"" + winner + "\"}").post("/awards/{m}", second.toString()).then().statusCode(201);
    }

    @Test
    void onlyANomineeWithACountingNominationIsAwarded() {
        YearMonth month = YearMonth.now().minusMonths(50);
        String nominator = newPerson(kafka);
        String nominee = newPerson(kafka);
        String id = asEmployee(nominator).body(nomination(nominee, month, false)).post("/nominations").then().statusCode(201).extract().path("id");
        asEmployee(nominator).body("{}").post("/nominations/{id}/withdrawal", id).then().statusCode(200);

        asAdmin().body("{\"winnerId\": \"" + nominee + "\"}").post("/awards/{m}", month.toString())
                .then().statusCode(422).body("errors[0].field", equalTo("winnerId"));
        asAdmin().body("{\"winnerId\": \"someone\"}").post("/awards/{m}", YearMonth.now().plusMonths(1).toString())
                .then().statusCode(422).body("errors[0].field", equalTo("awardMonth"));
    }

    @Test
    void onlyProgramAdminsAward() {
        asEmployee("e1").body("{\"winnerId\": \"e2\"}").post("/awards/{m}", YearMonth.now().toString()).then().statusCode(403);
    }
}

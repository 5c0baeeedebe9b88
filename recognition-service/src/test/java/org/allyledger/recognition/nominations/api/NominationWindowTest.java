package org.allyledger.recognition.nominations.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.Map;

import static org.allyledger.recognition.RecognitionApi.asEmployee;
import static org.allyledger.recognition.RecognitionApi.newPerson;
import static org.allyledger.recognition.RecognitionApi.nomination;
import static org.hamcrest.Matchers.equalTo;

/** With the production window: the current month and the one before take nominations, older months none. */
@QuarkusTest
@TestProfile(NominationWindowTest.ProductionWindow.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "recognition"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class NominationWindowTest {

    public static class ProductionWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("allyledger.recognition.nomination-past-months", "1");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void theCurrentAndPreviousMonthTakeNominationsAndOlderOnesAreRefusedOnTheField() {
        String nominator = newPerson(kafka);
        String nominee = newPerson(kafka);
        for (YearMonth old : new YearMonth[]{YearMonth.now().minusMonths(2), YearMonth.of(1999, 1), YearMonth.of(1900, 1)}) {
            asEmployee(nominator).body(nomination(nominee, old, false)).post("/nominations").then().statusCode(422)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("awardMonth"));
        }
        asEmployee(nominator).body(nomination(nominee, YearMonth.now().minusMonths(1), false)).post("/nominations").then().statusCode(201);
        asEmployee(nominator).body(nomination(nominee, YearMonth.now(), false)).post("/nominations").then().statusCode(201);
        asEmployee(nominator).body(nomination(nominee, YearMonth.now().plusMonths(1), false)).post("/nominations").then().statusCode(422);
        asEmployee(nominator).body(nomination(nominee, YearMonth.now(), false).replace(YearMonth.now().toString(), "0000-01"))
                .post("/nominations").then().statusCode(422).body("errors[0].field", equalTo("awardMonth"));
    }
}

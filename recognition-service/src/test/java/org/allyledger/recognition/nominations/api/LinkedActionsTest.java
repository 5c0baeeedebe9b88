package org.allyledger.recognition.nominations.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.allyledger.contracts.Topics;
import org.allyledger.contracts.published.CommitmentsV1;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.EventSender;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

import static org.allyledger.recognition.RecognitionApi.CITATION;
import static org.allyledger.recognition.RecognitionApi.asEmployee;
import static org.allyledger.recognition.RecognitionApi.newPerson;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A nomination links only actions its nominee logged, as recognition learns them from the commitments topic. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "recognition"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class LinkedActionsTest {
    private static final YearMonth NOW = YearMonth.now();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aNominationLinksTheNomineesLoggedActionsAndNothingElse() {
        String nominator = newPerson(kafka);
        String nominee = newPerson(kafka);
        String other = newPerson(kafka);
        String nomineesAction = logged(nominee);
        String othersAction = logged(other);

        // the nominee's action is linkable once recognition has seen it; a refusal meanwhile writes nothing
        String id = await().atMost(Duration.ofSeconds(30)).until(() -> asEmployee(nominator).body(nomination(nominee, nomineesAction))
                .post("/nominations").then().extract(), response -> response.statusCode() == 201).path("id");
        asEmployee(nominator).get("/nominations/{id}", id).then().statusCode(200).body("linkedActionIds", contains(nomineesAction));

        String third = newPerson(kafka);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asEmployee(third).body(nomination(other, othersAction))
                .post("/nominations").then().statusCode(201));
        asEmployee(third).body(nomination(nominee, othersAction)).post("/nominations").then().statusCode(422)
                .body("errors[0].field", equalTo("linkedActionIds")).body("detail", containsString(othersAction));
        String another = newPerson(kafka);
        asEmployee(another).body(nomination(nominee, "never-logged")).post("/nominations").then().statusCode(422)
                .body("errors[0].field", equalTo("linkedActionIds")).body("detail", containsString("never-logged"));
    }

    /** Publishes an action of the ally as commitment-service does; answers its id. */
    private String logged(String allyId) {
        String commitment = "c-" + UUID.randomUUID().toString().substring(0, 8);
        String action = "a-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventSender events = new EventSender(kafka)) {
            events.send(EventSender.cloudEvent(Topics.COMMITMENTS, commitment, UUID.randomUUID(), CommitmentsV1.ActionLogged.TYPE, 2, """
                    {"commitmentId": "%s", "allyId": "%s", "actionId": "%s", "kind": "READING", "occurredOn": "%s",
                     "note": null, "evidenceUrl": null, "source": "SELF", "externalRef": null}"""
                    .formatted(commitment, allyId, action, LocalDate.now())));
        }
        return action;
    }

    private static String nomination(String nomineeId, String actionId) {
        return """
                {"nomineeId": "%s", "awardMonth": "%s", "categories": ["ACTIVE_BYSTANDER"], "citation": "%s", "anonymous": false,
                 "linkedActionIds": ["%s"]}""".formatted(nomineeId, NOW, CITATION, actionId);
    }
}

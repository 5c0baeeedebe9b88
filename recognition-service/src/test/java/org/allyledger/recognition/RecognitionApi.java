package org.allyledger.recognition;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.allyledger.api.auth.Roles;
import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.infra.testing.EventSender;
import org.allyledger.infra.testing.PeopleEvents;
import org.allyledger.infra.testing.TestTokens;

import java.time.Duration;
import java.time.YearMonth;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Requests as each kind of caller, and people registered through the people topic as commitment-service does. */
public final class RecognitionApi {
    public static final String CITATION = "In the design review she made sure the quietest voices were heard and credited.";

    public static RequestSpecification as(String subject, String role) {
        return given().auth().oauth2(TestTokens.token(subject, role)).contentType(ContentType.JSON);
    }

    public static RequestSpecification asEmployee(String employeeId) {
        return as(employeeId, Roles.EMPLOYEE);
    }

    public static RequestSpecification asAdmin() {
        return as("admin-1", Roles.PROGRAM_ADMIN);
    }

    /** Publishes a registration on the people topic and waits until the replica knows the person as active. */
    public static String newPerson(String kafka) {
        String id = "p-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventSender events = new EventSender(kafka)) {
            events.send(PeopleEvents.person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, id, 1, "Engineering", true));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                asAdmin().get("/people/{id}/eligibility", id).then().body("active", equalTo(true)));
        return id;
    }

    public static String nomination(String nomineeId, YearMonth month, boolean anonymous) {
        return """
                {"nomineeId": "%s", "awardMonth": "%s", "categories": ["AMPLIFYING_VOICES", "INCLUSIVE_LANGUAGE"],
                 "citation": "%s", "anonymous": %s}""".formatted(nomineeId, month, CITATION, anonymous);
    }

    private RecognitionApi() {
    }
}

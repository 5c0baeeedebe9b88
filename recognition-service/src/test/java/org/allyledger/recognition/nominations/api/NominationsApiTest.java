package org.allyledger.recognition.nominations.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.allyledger.contracts.CloudEventHeaders;
import org.allyledger.contracts.Topics;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.EventSender;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PeopleEvents;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TopicReader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.allyledger.recognition.RecognitionApi.CITATION;
import static org.allyledger.recognition.RecognitionApi.asAdmin;
import static org.allyledger.recognition.RecognitionApi.asEmployee;
import static org.allyledger.recognition.RecognitionApi.newPerson;
import static org.allyledger.recognition.RecognitionApi.nomination;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "recognition"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class NominationsApiTest {
    private static final YearMonth NOW = YearMonth.now();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aColleagueNominatesOthersEndorseAndTheEventsArePublishedInOrder() {
        String nominator = newPerson(kafka);
        String nominee = newPerson(kafka);
        String endorser = newPerson(kafka);
        String id = asEmployee(nominator).body(nomination(nominee, NOW, false)).post("/nominations")
                .then().statusCode(201).header("ETag", "\"1\"").body("nominatorId", equalTo(nominator)).extract().path("id");
        asEmployee(endorser).body("{\"note\": \"Seen it too.\"}").post("/nominations/{id}/endorsements", id)
                .then().statusCode(200).body("endorsers", hasSize(1));
        asEmployee(endorser).body("{}").post("/nominations/{id}/endorsements", id).then().statusCode(409);
        asEmployee(nominee).body("{}").post("/nominations/{id}/endorsements", id).then().statusCode(422);

        try (TopicReader recognition = new TopicReader(kafka, Topics.RECOGNITION)) {
            var events = recognition.await(TopicReader.keyed(id), 2, Duration.ofSeconds(30));
            assertEquals(List.of("NominationSubmitted", "NominationEndorsed"),
                    events.stream().map(e -> TopicReader.header(e, CloudEventHeaders.TYPE).split("\\.")[3]).toList());
            assertEquals("/allyledger/recognition-service", TopicReader.header(events.get(0), CloudEventHeaders.SOURCE));
        }
    }

    @Test
    void anAnonymousNominatorIsSeenByAdminsOnlyAndNotOnTheTopic() throws Exception {
        String nominator = newPerson(kafka);
        String nominee = newPerson(kafka);
        String id = asEmployee(nominator).body(nomination(nominee, NOW, true)).post("/nominations").then().statusCode(201).extract().path("id");

        asEmployee(nominee).get("/nominations/{id}", id).then().statusCode(200).body("nominatorId", nullValue()).body("anonymous", equalTo(true));
        asAdmin().get("/nominations/{id}", id).then().body("nominatorId", equalTo(nominator));
        asEmployee(nominator).get("/nominations/{id}", id).then().body("nominatorId", equalTo(nominator));

        try (TopicReader recognition = new TopicReader(kafka, Topics.RECOGNITION)) {
            String published = recognition.await(TopicReader.keyed(id), 1, Duration.ofSeconds(30)).get(0).value();
            JsonNode data = new ObjectMapper().readTree(published);
            assertTrue(data.get("nominatorId").isNull());
            assertTrue(data.get("sealedNominator").asText().startsWith("v1:"));
            assertFalse(published.contains(nominator), "the nominator's id is readable on the topic: " + published);
        }
        // the nominator can still withdraw it: the service unseals who they are
        asEmployee(nominator).body("{}").post("/nominations/{id}/withdrawal", id).then().statusCode(200).body("status", equalTo("WITHDRAWN"));
    }

    @Test
    void theRulesAreEachTheirOwnProblem() {
        String nominator = newPerson(kafka);
        String nominee = newPerson(kafka);
        asEmployee(nominator).body(nomination(nominator, NOW, false)).post("/nominations")
                .then().statusCode(422).body("errors[0].field", equalTo("nomineeId"));
        asEmployee(nominator).body(nomination(nominee, NOW.plusMonths(1), false)).post("/nominations")
                .then().statusCode(422).body("errors[0].field", equalTo("awardMonth"));
        asEmployee(nominator).body(nomination("nobody-known", NOW, false)).post("/nominations")
                .then().statusCode(422).body("errors[0].field", equalTo("nomineeId"));
        String first = asEmployee(nominator).body(nomination(nominee, NOW, false)).post("/nominations").then().statusCode(201).extract().path("id");
        asEmployee(nominator).body(nomination(nominee, NOW, true)).post("/nominations")
                .then().statusCode(409).body("type", equalTo("https://allyledger.org/problems/duplicate-nomination"))
                .body("existing", equalTo("/nominations/" + first));
        asEmployee(newPerson(kafka)).body("{}").post("/nominations/{id}/withdrawal", first).then().statusCode(403);
        asAdmin().body("{\"reason\": \"Not specific.\"}").post("/nominations/{id}/rejection", first).then().statusCode(200)
                .body("status", equalTo("REJECTED"));
        asEmployee(nominator).body("{}").post("/nominations/{id}/withdrawal", first).then().statusCode(409);
    }

    @Test
    void aDepartedPersonCanNeitherNominateNorBeNominated() {
        String nominator = newPerson(kafka);
        String leaver = newPerson(kafka);
        try (EventSender events = new EventSender(kafka)) {
            events.send(PeopleEvents.departed(UUID.randomUUID(), leaver, 2));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                asAdmin().get("/people/{id}/eligibility", leaver).then().body("active", equalTo(false)));
        asEmployee(nominator).body(nomination(leaver, NOW, false)).post("/nominations")
                .then().statusCode(422).body("errors[0].field", equalTo("nomineeId"));
        asEmployee(leaver).body(nomination(nominator, NOW, false)).post("/nominations")
                .then().statusCode(422).body("errors[0].field", equalTo("nominatorId"));
    }

    @Test
    void concurrentDuplicateNominationsLeaveExactlyOne() throws Exception {
        String nominator = newPerson(kafka);
        String nominee = newPerson(kafka);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                attempts.add(() -> asEmployee(nominator).body(nomination(nominee, NOW, false)).post("/nominations").statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : clients.invokeAll(attempts)) {
                statuses.add(status.get());
            }
            assertEquals(List.of(201, 409, 409, 409), statuses.stream().sorted().toList());
        } finally {
            clients.shutdown();
        }
        long mine = allNominations().stream().filter(n -> nominee.equals(n)).count();
        assertEquals(1, mine);
    }

    private static List<String> allNominations() {
        List<String> nominees = new ArrayList<>();
        String cursor = "";
        do {
            var page = asAdmin().queryParam("month", NOW.toString()).queryParam("limit", 200).queryParam("cursor", cursor)
                    .get("/nominations").then().statusCode(200).extract().jsonPath();
            nominees.addAll(page.getList("items.nomineeId", String.class));
            cursor = page.getString("next");
        } while (cursor != null);
        return nominees;
    }

    @Test
    void aBadMonthOrCategoryIsA400NamingTheField() {
        String nominator = newPerson(kafka);
        asEmployee(nominator).body(nomination("x1", NOW, false).replace(NOW.toString(), "2026-13")).post("/nominations")
                .then().statusCode(400).body("errors[0].field", equalTo("awardMonth"));
        asEmployee(nominator).body(nomination("x1", NOW, false).replace("AMPLIFYING_VOICES", "BEING_NICE")).post("/nominations")
                .then().statusCode(400).body("errors[0].field", equalTo("categories[0]"));
        asEmployee(nominator).body(nomination("x1", NOW, false).replace(CITATION, "too short")).post("/nominations")
                .then().statusCode(400).body("errors[0].field", equalTo("citation"));
    }

    /** Tests run with a window of 3,000 past months (see application.properties); production's is one month. */
    @Test
    void aMonthOlderThanTheWindowOrInTheFutureIsRefusedOnTheField() {
        String nominator = newPerson(kafka);
        String nominee = newPerson(kafka);
        for (String month : List.of("0000-01", "1700-01", NOW.plusMonths(1).toString())) {
            asEmployee(nominator).body(nomination(nominee, NOW, false).replace(NOW.toString(), month)).post("/nominations")
                    .then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("awardMonth"));
        }
    }
}

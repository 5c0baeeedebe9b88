package org.allyledger.recognition;

import com.networknt.schema.ValidationMessage;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.allyledger.contracts.CloudEventHeaders;
import org.allyledger.contracts.Topics;
import org.allyledger.writeapi.CommandExecutor;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.EventSchemas;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.allyledger.recognition.RecognitionApi.asAdmin;
import static org.allyledger.recognition.RecognitionApi.asEmployee;
import static org.allyledger.recognition.RecognitionApi.newPerson;
import static org.allyledger.recognition.RecognitionApi.nomination;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every event type recognition-service emits, produced through the API and checked against its published JSON Schema. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "recognition"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class EventSchemaTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void everyEmittedEventMatchesTheSchemaOfItsType() throws Exception {
        YearMonth month = YearMonth.now().minusMonths(2000);
        String alice = newPerson(kafka);
        String bob = newPerson(kafka);
        String carol = newPerson(kafka);
        String endorsed = asEmployee(alice).body(nomination(bob, month, true)).post("/nominations").then().statusCode(201).extract().path("id");
        asEmployee(carol).body("{\"note\": \"Yes.\"}").post("/nominations/{id}/endorsements", endorsed).then().statusCode(200);
        String withdrawn = asEmployee(bob).body(nomination(carol, month, false)).post("/nominations").then().statusCode(201).extract().path("id");
        asEmployee(bob).body("{}").post("/nominations/{id}/withdrawal", withdrawn).then().statusCode(200);
        String rejected = asEmployee(carol).body(nomination(alice, month, false)).post("/nominations").then().statusCode(201).extract().path("id");
        asAdmin().body("{\"reason\": \"Not specific.\"}").post("/nominations/{id}/rejection", rejected).then().statusCode(200);
        asAdmin().body("{\"winnerId\": \"" + bob + "\"}").post("/awards/{m}", month.toString()).then().statusCode(201);
        asAdmin().body("{\"reason\": \"Reconsidered.\"}").post("/awards/{m}/revocation", month.toString()).then().statusCode(200);
        List<String> keys = List.of(endorsed, withdrawn, rejected, "award-" + month);

        Set<String> types = new TreeSet<>();
        try (TopicReader recognition = new TopicReader(kafka, Topics.RECOGNITION)) {
            for (ConsumerRecord<String, String> event : recognition.await(r -> keys.contains(r.key()), 8, Duration.ofSeconds(30))) {
                String type = TopicReader.header(event, CloudEventHeaders.TYPE);
                types.add(type);
                Set<ValidationMessage> errors = EventSchemas.violations(type, event.value());
                assertTrue(errors.isEmpty(), type + " " + event.value() + " breaks its schema: " + errors);
            }
        }
        assertEquals(6, types.size(), "types seen: " + types);
    }

    @Test
    void aRetriedNominationReplaysTheFirstAnswer() {
        String alice = newPerson(kafka);
        String bob = newPerson(kafka);
        String key = UUID.randomUUID().toString();
        String body = nomination(bob, YearMonth.now(), false);
        Response first = asEmployee(alice).header("Idempotency-Key", key).body(body).post("/nominations");
        first.then().statusCode(201);
        asEmployee(alice).header("Idempotency-Key", key).body(body).post("/nominations")
                .then().statusCode(201).header(CommandExecutor.REPLAYED_HEADER, "true").body("id", equalTo(first.path("id")));
    }
}

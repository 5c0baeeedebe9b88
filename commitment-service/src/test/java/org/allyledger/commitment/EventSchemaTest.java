package org.allyledger.commitment;

import com.networknt.schema.ValidationMessage;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.allyledger.contracts.CloudEventHeaders;
import org.allyledger.contracts.Topics;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.EventSchemas;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.allyledger.commitment.Api.action;
import static org.allyledger.commitment.Api.asAdmin;
import static org.allyledger.commitment.Api.asEmployee;
import static org.allyledger.commitment.Api.asHr;
import static org.allyledger.commitment.Api.commitment;
import static org.allyledger.commitment.Api.newPerson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every event type the service emits, produced through the API and checked against its published JSON Schema. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "commitment"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class EventSchemaTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    MovableClock clock;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void everyEmittedEventMatchesTheSchemaOfItsType() throws Exception {
        List<String> keys = new ArrayList<>();
        String ally = newPerson("Research");
        keys.add(ally);
        asHr().body("""
                {"displayName": "Test Ally", "email": "ally@example.org", "department": "Design",
                 "location": "Lisbon", "workModel": "HYBRID", "managerId": "m1"}""").put("/people/{id}", ally).then().statusCode(200);
        String leaver = newPerson("Research");
        keys.add(leaver);
        asHr().body("{\"departedOn\": \"%s\"}".formatted(LocalDate.now())).post("/people/{id}/departure", leaver).then().statusCode(200);

        String fulfilled = asEmployee(ally).body(commitment(1, "ORGANISATION")).post("/commitments").then().statusCode(201).extract().path("id");
        asEmployee(ally).body(action("READING", LocalDate.now(), null)).post("/commitments/{id}/actions", fulfilled).then().statusCode(201);
        String renewal = asEmployee(ally).body("{\"startsOn\": \"%s\", \"endsOn\": \"%s\"}".formatted(LocalDate.now(), LocalDate.now().plusMonths(2)))
                .post("/commitments/{id}/renewal", fulfilled).then().statusCode(201).extract().path("id");
        String withdrawn = asEmployee(ally).body(commitment(4, "PRIVATE")).post("/commitments").then().statusCode(201).extract().path("id");
        asEmployee(ally).body("{\"statement\": \"Read two books\", \"reason\": \"clearer\"}").post("/commitments/{id}/amendments", withdrawn).then().statusCode(200);
        asEmployee(ally).body("{\"reason\": \"moved on\"}").post("/commitments/{id}/withdrawal", withdrawn).then().statusCode(200);
        String lapsed = asEmployee(ally).body(commitment(4, "PRIVATE")).post("/commitments").then().statusCode(201).extract().path("id");
        clock.advance(Duration.ofDays(31));
        asAdmin().post("/commitments/lapse-sweeps").then().statusCode(200);
        clock.reset();
        keys.addAll(List.of(fulfilled, renewal, withdrawn, lapsed));

        String initiative = asAdmin().body("{\"name\": \"Mentoring circles\", \"erg\": \"Pride\", \"year\": %d, \"description\": \"d\"}"
                .formatted(LocalDate.now().getYear())).post("/initiatives").then().statusCode(201).extract().path("id");
        String sponsor = newPerson("Research");
        asEmployee(ally).body("{}").post("/initiatives/{id}/sponsorships", initiative).then().statusCode(201);
        asEmployee(ally).body("{\"outcome\": \"Ran four mentoring circles.\"}")
                .post("/initiatives/{id}/sponsorships/{a}/fulfilment", initiative, ally).then().statusCode(200);
        asEmployee(sponsor).body("{}").post("/initiatives/{id}/sponsorships", initiative).then().statusCode(201);
        asEmployee(sponsor).body("{\"reason\": \"new role\"}").post("/initiatives/{id}/sponsorships/{a}/withdrawal", initiative, sponsor).then().statusCode(200);
        asAdmin().post("/initiatives/{id}/closure", initiative).then().statusCode(200);
        keys.add(initiative);
        keys.add(sponsor);

        List<ConsumerRecord<String, String>> events = new ArrayList<>();
        for (String topic : List.of(Topics.PEOPLE, Topics.COMMITMENTS, Topics.SPONSORSHIPS)) {
            try (TopicReader reader = new TopicReader(kafka, topic)) {
                int expected = switch (topic) {
                    case Topics.PEOPLE -> 5;
                    case Topics.COMMITMENTS -> 11;
                    default -> 6;
                };
                events.addAll(reader.await(r -> keys.contains(r.key()), expected, Duration.ofSeconds(30)));
            }
        }

        Set<String> types = new TreeSet<>();
        for (ConsumerRecord<String, String> event : events) {
            String type = TopicReader.header(event, CloudEventHeaders.TYPE);
            types.add(type);
            Set<ValidationMessage> errors = EventSchemas.violations(type, event.value());
            assertTrue(errors.isEmpty(), type + " " + event.value() + " breaks its schema: " + errors);
        }
        assertEquals(15, types.size(), "types seen: " + types.stream().collect(Collectors.joining(", ")));
    }
}

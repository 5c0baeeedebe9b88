package org.allyledger.recognition.people;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.allyledger.api.auth.Roles;
import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.contracts.Topics;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.EventSender;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PoisonRecords;
import org.allyledger.infra.testing.PoisonRecords.Poison;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TestTokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.allyledger.infra.testing.PeopleEvents.person;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The people replica holds against poison records, and is not ready while its topic would lose history. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "recognition"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class PeopleReplicaPoisonTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final String HISTORY_CHECK = "topics keep their history";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.token("admin-1", Roles.PROGRAM_ADMIN));
    }

    @Test
    void eachPoisonIsDeadLetteredAndAPersonRegisteredAfterItIsActive() {
        String id = "p-" + UUID.randomUUID().toString().substring(0, 8);
        ProducerRecord<String, String> valid = person(UUID.randomUUID(), PeopleEventTypes.PERSON_REGISTERED, id, 1, "Engineering", true);
        List<Poison> poisons = PoisonRecords.of(valid, "department");
        try (EventSender events = new EventSender(kafka)) {
            poisons.forEach(poison -> events.send(poison.record()));
            events.send(valid);
        }

        await().atMost(ARRIVAL).untilAsserted(() -> asAdmin().get("/people/{id}/eligibility", id).then().body("active", equalTo(true)));
        PoisonRecords.awaitDeadLettered(kafka, Topics.RECOGNITION_DEAD_LETTERS, Topics.PEOPLE, poisons, ARRIVAL).forEach((poison, reason) ->
                asAdmin().queryParam("consumer", PeopleReplica.NAME).queryParam("limit", 500).get("/ops/dead-letters").then().statusCode(200)
                        .body("items.findAll { it.key == '" + poison.record().key() + "' }.reason", hasItem(reason)));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aPeopleTopicThatDeletesOldRecordsMakesTheServiceNotReadyWithTheReason() throws Exception {
        ConfigResource people = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PEOPLE);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            try {
                retention(admin, people, Long.toString(Duration.ofDays(7).toMillis()));
                given().get("/q/health/ready").then().statusCode(503)
                        .body("checks.find { it.name == '" + HISTORY_CHECK + "' }.status", equalTo("DOWN"))
                        .body("checks.find { it.name == '" + HISTORY_CHECK + "' }.data.'" + Topics.PEOPLE + "'",
                                containsString("retention.ms=604800000"));
            } finally {
                retention(admin, people, "-1");
            }
            given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == '" + HISTORY_CHECK + "' }.status", equalTo("UP"));
        }
    }

    private static void retention(Admin admin, ConfigResource topic, String millis) throws Exception {
        admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(new ConfigEntry("retention.ms", millis),
                AlterConfigOp.OpType.SET)))).all().get();
    }
}

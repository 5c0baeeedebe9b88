package org.allyledger.local;

import io.restassured.path.json.JsonPath;
import org.allyledger.contracts.CloudEventHeaders;
import org.allyledger.contracts.Topics;
import org.allyledger.infra.FreePorts;
import org.allyledger.infra.testing.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas of each service on one PostgreSQL and one Kafka, as the production overlay runs them: of each write
 * service one replica publishes, and reporting's replicas share every topic's partitions.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedSystemIT extends PackagedSystemTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    private static final int PEOPLE = 300;
    private static final Map<Service, Integer> REPLICA_PORTS = new EnumMap<>(Service.class);
    private static final List<Process> REPLICAS = new ArrayList<>();

    @BeforeAll
    static void launchSecondReplicas() {
        for (Service service : Service.values()) {
            int port = FreePorts.next();
            REPLICA_PORTS.put(service, port);
            REPLICAS.add(system.launch(service, "local", port));
        }
        REPLICA_PORTS.values().forEach(port -> await().atMost(ARRIVAL).ignoreExceptions()
                .untilAsserted(() -> given().get(replica(port, "/q/health/ready")).then().statusCode(200)));
    }

    @AfterAll
    static void stopSecondReplicas() throws InterruptedException {
        for (Process replica : REPLICAS) {
            replica.destroy();
            if (!replica.waitFor(30, TimeUnit.SECONDS)) {
                replica.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    @Order(1)
    void theReplicasOfEachConsumerShareEveryTopicsPartitions() throws Exception {
        Map<String, Set<String>> groups = Map.of(
                "reporting.people", Set.of(Topics.PEOPLE), "reporting.commitments", Set.of(Topics.COMMITMENTS),
                "reporting.sponsorships", Set.of(Topics.SPONSORSHIPS), "reporting.recognition", Set.of(Topics.RECOGNITION),
                "recognition.people", Set.of(Topics.PEOPLE), "recognition.commitments", Set.of(Topics.COMMITMENTS));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", system.kafkaBootstrapServers()))) {
            await().atMost(ARRIVAL).untilAsserted(() -> {
                Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups.keySet()).all().get(10, TimeUnit.SECONDS);
                for (Map.Entry<String, Set<String>> group : groups.entrySet()) {
                    List<MemberDescription> members = List.copyOf(described.get(group.getKey()).members());
                    assertEquals(2, members.size(), group.getKey() + " members");
                    Set<TopicPartition> assigned = new HashSet<>();
                    for (MemberDescription member : members) {
                        Set<TopicPartition> own = member.assignment().topicPartitions();
                        assertTrue(!own.isEmpty(), group.getKey() + ": a replica with no partition");
                        own.forEach(partition -> assertTrue(assigned.add(partition), group.getKey() + ": " + partition + " twice"));
                    }
                    Set<TopicPartition> all = group.getValue().stream()
                            .flatMap(topic -> java.util.stream.IntStream.range(0, Topics.PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)))
                            .collect(Collectors.toSet());
                    assertEquals(all, assigned, group.getKey());
                }
            });
        }
    }

    @Test
    @Order(2)
    void whenTheActiveRelaysReplicaIsKilledMidStreamTheOtherPublishesAndNothingIsLostOrDuplicated() throws Exception {
        String standbyReady = replica(REPLICA_PORTS.get(Service.COMMITMENT), "/q/health/ready");
        await().atMost(ARRIVAL).untilAsserted(() -> {
            given().get(system.url(Service.COMMITMENT, "/q/health/ready")).then()
                    .body("checks.find { it.name == 'event-relay' }.data.state", equalTo("PUBLISHING"));
            given().get(standbyReady).then().body("checks.find { it.name == 'event-relay' }.data.state", equalTo("STANDBY"));
        });

        String department = department();
        List<String> people = new ArrayList<>();
        try {
            for (int i = 0; i < PEOPLE; i++) {
                if (i == PEOPLE / 2) {
                    // outright, as a node failure would: no shutdown hook, the lock's session just ends
                    system.process(Service.COMMITMENT).destroyForcibly().waitFor();
                }
                boolean activeAlive = system.process(Service.COMMITMENT).isAlive();
                String base = activeAlive && i % 2 == 0 ? system.url(Service.COMMITMENT, "").toString()
                        : "http://localhost:" + REPLICA_PORTS.get(Service.COMMITMENT);
                people.add(put(base, department));
            }
            await().atMost(ARRIVAL).untilAsserted(() -> given().get(standbyReady).then()
                    .body("checks.find { it.name == 'event-relay' }.data.state", equalTo("PUBLISHING")));

            // every person counted once, whichever reporting replica answers
            for (String reporting : List.of(system.url(Service.REPORTING, "").toString(), "http://localhost:" + REPLICA_PORTS.get(Service.REPORTING))) {
                await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(PEOPLE, headcountOf(reporting, department)));
            }
            // on the topic: each person's registration, under one event id however often the relays delivered it
            Set<String> expected = Set.copyOf(people);
            try (TopicReader topic = new TopicReader(system.kafkaBootstrapServers(), Topics.PEOPLE)) {
                List<ConsumerRecord<String, String>> records = topic.await(record -> record.value() != null && record.value().contains(department),
                        PEOPLE, ARRIVAL);
                Map<String, Set<String>> eventIdsByPerson = records.stream().collect(Collectors.groupingBy(
                        record -> personId(record.value()), Collectors.mapping(ReplicatedSystemIT::eventId, Collectors.toSet())));
                assertEquals(expected, eventIdsByPerson.keySet());
                eventIdsByPerson.forEach((person, ids) -> assertEquals(1, ids.size(), person + " registered as " + ids));
            }
        } finally {
            system.startService(Service.COMMITMENT);
            system.awaitReady(Service.COMMITMENT);
        }
    }

    private static String replica(int port, String path) {
        return "http://localhost:" + port + path;
    }

    private static String personId(String payload) {
        return JsonPath.from(payload).getString("employeeId");
    }

    private static String eventId(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader(CloudEventHeaders.ID).value(), StandardCharsets.UTF_8);
    }
}

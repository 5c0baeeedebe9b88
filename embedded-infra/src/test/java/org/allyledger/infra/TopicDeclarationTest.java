package org.allyledger.infra;

import org.allyledger.contracts.TopicDeclaration;
import org.allyledger.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Topics exist as declared and only so: event topics keep their whole history, dead letters a bounded time. */
class TopicDeclarationTest {
    @TempDir
    static Path dir;
    static EmbeddedKafkaBroker kafka;
    static Admin admin;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, Topics.PARTITIONS);
        admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        admin.close();
        kafka.close();
    }

    @Test
    void everyDeclaredTopicIsCreatedWithItsRetentionAndEventTopicsKeepEverything() throws Exception {
        kafka.declareTopics(Topics.DECLARED);
        Map<String, TopicDescription> topics = admin.describeTopics(Topics.DECLARED.stream().map(TopicDeclaration::name).toList())
                .allTopicNames().get();
        for (TopicDeclaration declared : Topics.DECLARED) {
            assertEquals(declared.partitions(), topics.get(declared.name()).partitions().size(), declared.name());
            assertEquals(Long.toString(declared.retentionMs()), config(declared.name()).get("retention.ms").value(), declared.name());
        }
        for (String events : List.of(Topics.PEOPLE, Topics.COMMITMENTS, Topics.SPONSORSHIPS, Topics.RECOGNITION)) {
            assertEquals("-1", config(events).get("retention.ms").value(), events);
            assertEquals("-1", config(events).get("retention.bytes").value(), events);
        }
        for (String deadLetters : List.of(Topics.REPORTING_DEAD_LETTERS, Topics.RECOGNITION_DEAD_LETTERS)) {
            long retention = Long.parseLong(config(deadLetters).get("retention.ms").value());
            assertTrue(retention > 0, deadLetters + " keeps dead letters a bounded time");
        }
    }

    @Test
    void theBrokerCreatesNoTopicOnFirstUse() throws Exception {
        Config broker = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.BROKER, "1"))).all().get().values().iterator().next();
        assertEquals("false", broker.get("auto.create.topics.enable").value());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "max.block.ms", "1500"), new StringSerializer(), new StringSerializer())) {
            assertThrows(ExecutionException.class, () -> producer.send(new ProducerRecord<>("allyledger.peple.v1", "k", "v")).get());
        }
        assertFalse(admin.listTopics().names().get().contains("allyledger.peple.v1"));
    }

    @Test
    void anExistingTopicWithTheBrokersDefaultRetentionIsReconciledToItsDeclaration() throws Exception {
        kafka.declareTopics(Topics.DECLARED);
        ConfigResource people = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PEOPLE);
        admin.incrementalAlterConfigs(Map.of(people, List.of(new AlterConfigOp(
                new ConfigEntry("retention.ms", Long.toString(Duration.ofDays(7).toMillis())), AlterConfigOp.OpType.SET)))).all().get();
        assertEquals(Long.toString(Duration.ofDays(7).toMillis()), config(Topics.PEOPLE).get("retention.ms").value());

        kafka.declareTopics(Topics.DECLARED);

        assertEquals("-1", config(Topics.PEOPLE).get("retention.ms").value());
    }

    private static Config config(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }
}

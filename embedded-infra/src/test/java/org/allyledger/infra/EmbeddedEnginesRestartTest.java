package org.allyledger.infra;

import org.allyledger.contracts.Topics;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher relies on both engines keeping their data in a directory across a stop and a start. */
class EmbeddedEnginesRestartTest {

    @TempDir
    Path dir;

    @Test
    void postgresKeepsRowsAndRunsWithLogicalWalAcrossRestart() throws Exception {
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(work, dir.resolve("pg"), 0, false)) {
            pg.createDatabaseIfMissing("kept");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("kept"), "postgres", "postgres");
                 Statement s = c.createStatement()) {
                s.execute("create table t (v text)");
                s.execute("insert into t values ('survives')");
            }
        }
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(work, dir.resolve("pg"), 0, false);
             Connection c = DriverManager.getConnection(pg.jdbcUrl("kept"), "postgres", "postgres");
             Statement s = c.createStatement()) {
            ResultSet rows = s.executeQuery("select v, current_setting('wal_level'), current_setting('synchronous_commit') from t");
            assertTrue(rows.next());
            assertEquals("survives", rows.getString(1));
            assertEquals("logical", rows.getString(2));
            assertEquals("on", rows.getString(3));
        }
    }

    @Test
    void kafkaKeepsRecordsAcrossRestart() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, 1);
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                     new StringSerializer(), new StringSerializer())) {
            kafka.declareTopics(Topics.DECLARED);
            producer.send(new ProducerRecord<>(Topics.PEOPLE, "k", "survives")).get();
        }
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, 1);
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                     "group.id", "restart-test", "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.PEOPLE));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (seen.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
            }
            assertEquals(1, seen.size());
            assertEquals("survives", seen.get(0).value());
        }
    }
}

package org.allyledger.infra.testing;

import org.allyledger.contracts.Topics;
import org.allyledger.infra.EmbeddedKafkaBroker;
import org.allyledger.infra.EmbeddedPostgresServer;

import java.nio.file.Path;

/**
 * One PostgreSQL server and one Kafka broker per test JVM, started on first use and stopped when the JVM exits,
 * so that test classes with different Quarkus profiles share them instead of restarting engines.
 */
final class TestInfrastructure {
    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafkaBroker kafka;

    static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            Path base = scratch().resolve("embedded-pg");
            postgres = EmbeddedPostgresServer.start(base, base.resolve("data-" + ProcessHandle.current().pid()), 0, true);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "embedded-pg-stop"));
        }
        return postgres;
    }

    static synchronized EmbeddedKafkaBroker kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafkaBroker.start(scratch().resolve("kafka-" + ProcessHandle.current().pid()), 0, Topics.PARTITIONS);
            kafka.declareTopics(Topics.DECLARED);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "embedded-kafka-stop"));
        }
        return kafka;
    }

    private static Path scratch() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private TestInfrastructure() {
    }
}

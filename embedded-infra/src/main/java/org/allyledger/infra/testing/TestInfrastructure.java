package org.allyledger.infra.testing;

import org.allyledger.contracts.Topics;
import org.allyledger.infra.EmbeddedKafkaBroker;
import org.allyledger.infra.EmbeddedPostgresServer;

import java.nio.file.Path;

/**
 * One PostgreSQL server and one Kafka broker per test JVM, started on first use and stopped when the JVM exits,
 * so that test classes with different Quarkus profiles share them instead of restarting engines. They are the
 * embedded engines unless {@link TestEngines#SWITCH} selects containers.
 */
final class TestInfrastructure {
    private static TestPostgres postgres;
    private static String kafkaBootstrapServers;

    static synchronized TestPostgres postgres() {
        if (postgres == null) {
            postgres = switch (TestEngines.selected()) {
                case EMBEDDED -> embeddedPostgres();
                case CONTAINERS -> ContainerEngines.postgres();
            };
        }
        return postgres;
    }

    static synchronized String kafkaBootstrapServers() {
        if (kafkaBootstrapServers == null) {
            kafkaBootstrapServers = switch (TestEngines.selected()) {
                case EMBEDDED -> embeddedKafka();
                case CONTAINERS -> ContainerEngines.kafka(Topics.DECLARED);
            };
        }
        return kafkaBootstrapServers;
    }

    private static TestPostgres embeddedPostgres() {
        Path base = scratch().resolve("embedded-pg");
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(base, base.resolve("data-" + ProcessHandle.current().pid()), 0, true);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-pg-stop"));
        return new TestPostgres("localhost", server.port(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
    }

    private static String embeddedKafka() {
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(scratch().resolve("kafka-" + ProcessHandle.current().pid()), 0, Topics.PARTITIONS);
        kafka.declareTopics(Topics.DECLARED);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "embedded-kafka-stop"));
        return kafka.bootstrapServers();
    }

    private static Path scratch() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private TestInfrastructure() {
    }
}

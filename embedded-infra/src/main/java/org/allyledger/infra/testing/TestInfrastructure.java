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
    /**
     * A Quarkus profile loads test resources, and so this class, in a class loader of its own: the engines started by
     * one are found by the next through system properties, under a lock every class loader shares.
     */
    private static final Object JVM_WIDE = System.getProperties();
    private static final String POSTGRES_SHARED = "allyledger.test.postgres";
    private static final String KAFKA_SHARED = "allyledger.test.kafka";
    private static TestPostgres postgres;
    private static String kafkaBootstrapServers;

    static TestPostgres postgres() {
        synchronized (JVM_WIDE) {
            if (postgres == null) {
                String shared = System.getProperty(POSTGRES_SHARED);
                if (shared != null) {
                    String[] at = shared.split("\n", 4);
                    postgres = new TestPostgres(at[0], Integer.parseInt(at[1]), at[2], at[3]);
                } else {
                    postgres = switch (TestEngines.selected()) {
                        case EMBEDDED -> embeddedPostgres();
                        case CONTAINERS -> ContainerEngines.postgres();
                    };
                    System.setProperty(POSTGRES_SHARED, String.join("\n", postgres.host(), String.valueOf(postgres.port()),
                            postgres.user(), postgres.password()));
                }
            }
            return postgres;
        }
    }

    static String kafkaBootstrapServers() {
        synchronized (JVM_WIDE) {
            if (kafkaBootstrapServers == null) {
                kafkaBootstrapServers = System.getProperty(KAFKA_SHARED);
                if (kafkaBootstrapServers == null) {
                    kafkaBootstrapServers = switch (TestEngines.selected()) {
                        case EMBEDDED -> embeddedKafka();
                        case CONTAINERS -> ContainerEngines.kafka(Topics.DECLARED);
                    };
                    System.setProperty(KAFKA_SHARED, kafkaBootstrapServers);
                }
            }
            return kafkaBootstrapServers;
        }
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

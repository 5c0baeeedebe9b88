package org.allyledger.infra.testing;

import org.allyledger.contracts.TopicDeclaration;
import org.allyledger.infra.EmbeddedKafkaBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.util.List;

/**
 * PostgreSQL 17 and Kafka (KRaft) in containers, for {@code -Dallyledger.test.engines=containers}: the images and
 * settings of deploy/compose/compose.yaml. Loaded only when that switch is given.
 */
final class ContainerEngines {
    static final String POSTGRES_IMAGE = "postgres:17";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.0";

    private ContainerEngines() {
    }

    static TestPostgres postgres() {
        requireDocker();
        PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=20", "-c", "max_wal_senders=20",
                        "-c", "max_connections=300");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-postgres-stop"));
        return new TestPostgres(container.getHost(), container.getMappedPort(5432), container.getUsername(), container.getPassword());
    }

    /** The broker's bootstrap servers, its topics declared. */
    static String kafka(List<TopicDeclaration> topics) {
        requireDocker();
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-kafka-stop"));
        EmbeddedKafkaBroker.declareTopics(container.getBootstrapServers(), topics);
        return container.getBootstrapServers();
    }

    /** Fails at once, saying what to do, rather than as Testcontainers would after searching for an engine. */
    static void requireDocker() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException(TestEngines.SWITCH + "=containers needs a Docker engine, and none answers here;"
                    + " leave the switch unset to run the tests on the embedded engines");
        }
    }
}

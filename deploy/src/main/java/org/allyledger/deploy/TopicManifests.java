package org.allyledger.deploy;

import org.allyledger.contracts.TopicDeclaration;
import org.allyledger.contracts.Topics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the topics Ally Ledger declares ({@link Topics#DECLARED}) as the deployments create them, so they come from the
 * same declaration as the launcher's and the tests': Strimzi {@code KafkaTopic}s ({@code deploy/kubernetes/base/topics.yaml})
 * and the compose file's topic creation ({@code deploy/compose/create-topics.sh}). Run after changing a declaration
 * (deploy/README.md); a test fails while a file differs from what this writes.
 */
public final class TopicManifests {
    /** Copies of each partition in the three-broker cluster, and how many must acknowledge a write. */
    public static final int REPLICAS = 3;
    public static final int MIN_IN_SYNC_REPLICAS = 2;
    public static final Path KUBERNETES = Path.of("kubernetes/base/topics.yaml");
    public static final Path COMPOSE = Path.of("compose/create-topics.sh");

    private TopicManifests() {
    }

    public static String kubernetes(List<TopicDeclaration> topics) {
        StringBuilder yaml = new StringBuilder("""
                # Generated from the topic declaration in event-contracts (Topics.DECLARED) by
                # org.allyledger.deploy.TopicManifests; do not edit (deploy/README.md says how to regenerate it).
                """);
        for (TopicDeclaration topic : topics) {
            Map<String, String> config = new TreeMap<>(topic.config());
            config.put("min.insync.replicas", Integer.toString(MIN_IN_SYNC_REPLICAS));
            yaml.append("""
                    ---
                    apiVersion: kafka.strimzi.io/v1beta2
                    kind: KafkaTopic
                    metadata:
                      name: %s
                      labels:
                        strimzi.io/cluster: allyledger
                    spec:
                      topicName: %s
                      partitions: %d
                      replicas: %d
                      config:
                    """.formatted(topic.name(), topic.name(), topic.partitions(), REPLICAS));
            config.forEach((key, value) -> yaml.append("    ").append(key).append(": \"").append(value).append("\"\n"));
        }
        return yaml.toString();
    }

    /** The compose file's one-node broker: one copy of each partition. */
    public static String compose(List<TopicDeclaration> topics) {
        StringBuilder script = new StringBuilder("""
                #!/bin/sh
                # Generated from the topic declaration in event-contracts (Topics.DECLARED) by
                # org.allyledger.deploy.TopicManifests; do not edit (deploy/README.md says how to regenerate it).
                # Creates Ally Ledger's topics on the compose file's broker, or sets their configuration if they exist.
                set -eu
                topics=/opt/kafka/bin/kafka-topics.sh
                configs=/opt/kafka/bin/kafka-configs.sh
                broker=kafka:9092
                """);
        for (TopicDeclaration topic : topics) {
            String config = new TreeMap<>(topic.config()).entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(java.util.stream.Collectors.joining(","));
            script.append("$topics --bootstrap-server $broker --create --if-not-exists --topic %s --partitions %d --replication-factor 1 --config %s\n"
                    .formatted(topic.name(), topic.partitions(), config.replace(",", " --config ")));
            script.append("$configs --bootstrap-server $broker --alter --entity-type topics --entity-name %s --add-config %s\n"
                    .formatted(topic.name(), config));
        }
        return script.toString();
    }

    /** Usage: {@code TopicManifests [deploy directory, default deploy]}. */
    public static void main(String[] args) throws IOException {
        Path deploy = Path.of(args.length > 0 ? args[0] : "deploy");
        Files.writeString(deploy.resolve(KUBERNETES), kubernetes(Topics.DECLARED));
        Files.writeString(deploy.resolve(COMPOSE), compose(Topics.DECLARED));
    }
}

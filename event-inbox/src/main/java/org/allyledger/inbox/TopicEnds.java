package org.allyledger.inbox;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The end of each partition of the consumed topics, what lag is measured against, and the time of each partition's
 * newest record. Reads with the service's Kafka settings (its credentials included).
 */
@Singleton
public class TopicEnds {
    private static final long TIMEOUT_SECONDS = 5;
    private final Admin admin;

    public TopicEnds(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.admin = admin(kafka, "topic-ends", TIMEOUT_SECONDS);
    }

    /** A Kafka admin client with the service's Kafka settings (its credentials included) and the given timeouts. */
    static Admin admin(Map<String, Object> kafka, String clientId, long timeoutSeconds) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(timeoutSeconds));
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(timeoutSeconds));
        return Admin.create(config);
    }

    void close(@Observes ShutdownEvent event) {
        admin.close();
    }

    /** The next offset of every partition of the topics; empty while the broker cannot be reached. */
    public Uni<Map<TopicPartition, Long>> of(Collection<String> topics) {
        return partitions(topics).flatMap(partitions -> list(partitions, OffsetSpec::latest)).map(TopicEnds::offsets)
                .onFailure().recoverWithItem(Map.of());
    }

    /** Each partition's end and its newest record's time, from one description of the topics. */
    public record EndsAndNewest(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> newestMillis) {
    }

    /**
     * The next offset of every partition of the topics, and the largest record timestamp of every non-empty one (epoch
     * ms); both empty while the broker cannot be reached.
     */
    public Uni<EndsAndNewest> withNewest(Collection<String> topics) {
        return partitions(topics).flatMap(partitions -> list(partitions, OffsetSpec::latest).flatMap(latest ->
                list(partitions, OffsetSpec::maxTimestamp).map(newest -> {
                    Map<TopicPartition, Long> times = new HashMap<>();
                    newest.forEach((partition, info) -> {
                        if (info.offset() >= 0 && info.timestamp() >= 0) {
                            times.put(partition, info.timestamp());
                        }
                    });
                    return new EndsAndNewest(offsets(latest), times);
                })))
                .onFailure().recoverWithItem(new EndsAndNewest(Map.of(), Map.of()));
    }

    private static Map<TopicPartition, Long> offsets(Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> listed) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        listed.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private Uni<List<TopicPartition>> partitions(Collection<String> topics) {
        if (topics.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.createFrom().completionStage(() -> admin.describeTopics(topics).allTopicNames().toCompletionStage())
                .map(descriptions -> descriptions.entrySet().stream().flatMap(topic -> topic.getValue().partitions().stream()
                        .map(p -> new TopicPartition(topic.getKey(), p.partition()))).toList());
    }

    private Uni<Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo>> list(List<TopicPartition> partitions, Supplier<OffsetSpec> spec) {
        if (partitions.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        partitions.forEach(partition -> wanted.put(partition, spec.get()));
        return Uni.createFrom().completionStage(() -> admin.listOffsets(wanted).all().toCompletionStage())
                .onFailure().recoverWithItem(Map.of());
    }
}

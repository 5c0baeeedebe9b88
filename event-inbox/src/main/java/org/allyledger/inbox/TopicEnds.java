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
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "topic-ends");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        this.admin = Admin.create(config);
    }

    void close(@Observes ShutdownEvent event) {
        admin.close();
    }

    /** The next offset of every partition of the topics; empty while the broker cannot be reached. */
    public Uni<Map<TopicPartition, Long>> of(Collection<String> topics) {
        return list(topics, OffsetSpec::latest).map(offsets -> {
            Map<TopicPartition, Long> ends = new HashMap<>();
            offsets.forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        });
    }

    /** The largest record timestamp of every non-empty partition of the topics (epoch ms); empty while the broker cannot be reached. */
    public Uni<Map<TopicPartition, Long>> newestTimes(Collection<String> topics) {
        return list(topics, OffsetSpec::maxTimestamp).map(offsets -> {
            Map<TopicPartition, Long> newest = new HashMap<>();
            offsets.forEach((partition, info) -> {
                if (info.offset() >= 0 && info.timestamp() >= 0) {
                    newest.put(partition, info.timestamp());
                }
            });
            return newest;
        });
    }

    private Uni<Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo>> list(Collection<String> topics, Supplier<OffsetSpec> spec) {
        if (topics.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Uni.createFrom().completionStage(() -> admin.describeTopics(topics).allTopicNames().toCompletionStage())
                .flatMap(descriptions -> {
                    Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
                    descriptions.forEach((topic, description) -> description.partitions()
                            .forEach(p -> wanted.put(new TopicPartition(topic, p.partition()), spec.get())));
                    return Uni.createFrom().completionStage(admin.listOffsets(wanted).all().toCompletionStage());
                })
                .onFailure().recoverWithItem(Map.of());
    }
}

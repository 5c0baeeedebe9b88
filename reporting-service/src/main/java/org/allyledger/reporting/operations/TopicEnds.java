package org.allyledger.reporting.operations;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The end of each partition of the projected topics: what lag is measured against. */
@Singleton
public class TopicEnds {
    private final Admin admin;

    public TopicEnds(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    void close(@Observes ShutdownEvent event) {
        admin.close();
    }

    /** The next offset of every partition of the topics; empty while the broker cannot be reached. */
    public Uni<Map<TopicPartition, Long>> of(Collection<String> topics) {
        return Uni.createFrom().completionStage(admin.describeTopics(topics).allTopicNames().toCompletionStage())
                .flatMap(descriptions -> {
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    descriptions.forEach((topic, description) -> description.partitions()
                            .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
                    return Uni.createFrom().completionStage(admin.listOffsets(latest).all().toCompletionStage());
                })
                .map(offsets -> {
                    Map<TopicPartition, Long> ends = new HashMap<>();
                    offsets.forEach((partition, info) -> ends.put(partition, info.offset()));
                    return ends;
                })
                .onFailure().recoverWithItem(Map.of());
    }
}

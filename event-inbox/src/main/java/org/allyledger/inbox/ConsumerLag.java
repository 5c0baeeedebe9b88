package org.allyledger.inbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each consumer's lag per partition, as gauges an operator alerts on: in records (the partition's end against the
 * consumer's recorded position), in seconds behind the partition's newest record (0 once caught up), and the age of
 * the last event it applied. Read from the positions the consumers' transactions record, so every replica reports the
 * same figures whichever of them holds the partition.
 */
@ApplicationScoped
public class ConsumerLag {
    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);

    private final Map<String, InboxConsumer> consumers = new TreeMap<>();
    private final ConsumerPositions positions;
    private final TopicEnds topicEnds;
    private final MeterRegistry metrics;
    private final Map<TopicPartitionOf, Lag> lags = new ConcurrentHashMap<>();

    /** A partition of a consumer's topic. */
    record TopicPartitionOf(String consumer, String topic, int partition) {
    }

    /** @param lastEventMillis the event time of the last event applied; -1 before the consumer has handled one */
    record Lag(long records, double seconds, long lastEventMillis) {
    }

    public ConsumerLag(@Any Instance<InboxConsumer> consumers, ConsumerPositions positions, TopicEnds topicEnds, MeterRegistry metrics) {
        consumers.forEach(consumer -> this.consumers.put(consumer.name(), consumer));
        this.positions = positions;
        this.topicEnds = topicEnds;
        this.metrics = metrics;
    }

    // never while the service stops: its database pool closes before its scheduler does
    @Scheduled(every = "${allyledger.metrics.lag-interval:10s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> measure() {
        List<String> topics = consumers.values().stream().map(InboxConsumer::topic).distinct().toList();
        return positions.all().flatMap(recorded -> topicEnds.withNewest(topics).invoke(measured -> {
            Map<TopicPartition, Long> ends = measured.ends();
            Map<TopicPartition, Long> newest = measured.newestMillis();
            if (ends.isEmpty()) {
                return; // Kafka out of reach: the gauges keep the last figures
            }
            Map<String, Map<Integer, ConsumerPositions.Position>> byConsumer = new TreeMap<>();
            recorded.forEach(position -> byConsumer.computeIfAbsent(position.consumer(), c -> new TreeMap<>()).put(position.partition(), position));
            for (InboxConsumer consumer : consumers.values()) {
                Map<Integer, ConsumerPositions.Position> own = byConsumer.getOrDefault(consumer.name(), Map.of());
                ends.forEach((partition, end) -> {
                    if (partition.topic().equals(consumer.topic())) {
                        update(consumer, partition, end, newest.get(partition), own.get(partition.partition()));
                    }
                });
            }
        })).replaceWithVoid()
                .onFailure().invoke(failure -> LOG.debugf("consumer lag not measured: %s", failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private void update(InboxConsumer consumer, TopicPartition partition, long end, Long newestMillis, ConsumerPositions.Position position) {
        long next = position == null ? 0 : position.offset() + 1;
        long records = Math.max(0, end - next);
        double seconds = 0;
        if (records > 0 && newestMillis != null) {
            // the time between the newest record and the last event applied; before the first, at least the newest record's age
            long since = position == null ? System.currentTimeMillis() - newestMillis : newestMillis - position.eventTime().toEpochMilli();
            seconds = Math.max(0, since) / 1000.0;
        }
        TopicPartitionOf key = new TopicPartitionOf(consumer.name(), partition.topic(), partition.partition());
        Lag lag = new Lag(records, seconds, position == null ? -1 : position.eventTime().toEpochMilli());
        if (lags.put(key, lag) == null) {
            register(key);
        }
    }

    private void register(TopicPartitionOf key) {
        String partition = Integer.toString(key.partition());
        Gauge.builder("allyledger.consumer.lag.records", lags, all -> all.get(key).records())
                .description("Records in the partition the consumer has not handled yet")
                .tags("consumer", key.consumer(), "topic", key.topic(), "partition", partition).register(metrics);
        Gauge.builder("allyledger.consumer.lag.seconds", lags, all -> all.get(key).seconds())
                .description("How far the consumer's last applied event is behind the partition's newest record; 0 when caught up")
                .baseUnit("seconds")
                .tags("consumer", key.consumer(), "topic", key.topic(), "partition", partition).register(metrics);
        Gauge.builder("allyledger.consumer.last.event.age", lags, all -> {
                    long last = all.get(key).lastEventMillis();
                    return last < 0 ? Double.NaN : Duration.between(Instant.ofEpochMilli(last), Instant.now()).toMillis() / 1000.0;
                })
                .description("The age of the last event the consumer applied in the partition (its event time against now)")
                .baseUnit("seconds")
                .tags("consumer", key.consumer(), "topic", key.topic(), "partition", partition).register(metrics);
    }
}

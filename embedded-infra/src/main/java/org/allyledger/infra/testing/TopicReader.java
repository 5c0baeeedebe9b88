package org.allyledger.infra.testing;

import org.allyledger.contracts.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads a topic from its start, as a portal would, for tests to assert on what was published. */
public final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        // Kafka loads its plugins (metrics reporters) through the context class loader: the one that loaded Kafka here
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaConsumer.class.getClassLoader());
        try {
            consumer = new KafkaConsumer<>(Map.of(
                    "bootstrap.servers", bootstrapServers,
                    "group.id", "topic-reader-" + UUID.randomUUID(),
                    "auto.offset.reset", "earliest",
                    "enable.auto.commit", "false"), new StringDeserializer(), new StringDeserializer());
        } finally {
            thread.setContextClassLoader(previous);
        }
        consumer.subscribe(List.of(topic));
    }

    /** Polls until {@code count} matching records have been seen or the timeout passes; returns the matches. */
    public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> match, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (matching(match).size() < count && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return matching(match);
    }

    /**
     * For asserting that nothing more came: polls until the sentinel, a record written after the ones under test with
     * the same key (so to the same partition, behind them), has arrived; then answers the matching records seen before
     * it. Fails when the sentinel does not come within the timeout.
     */
    public List<ConsumerRecord<String, String>> beforeSentinel(Predicate<ConsumerRecord<String, String>> match,
                                                               Predicate<ConsumerRecord<String, String>> sentinel, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (seen.stream().noneMatch(sentinel)) {
            if (!Instant.now().isBefore(deadline)) {
                throw new AssertionError("the sentinel record did not arrive within " + timeout);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        List<ConsumerRecord<String, String>> before = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> record : seen) {
            if (sentinel.test(record)) {
                break;
            }
            if (match.test(record)) {
                before.add(record);
            }
        }
        return before;
    }

    /** Polls until it has read every record the topic held when called; answers every record seen. */
    public List<ConsumerRecord<String, String>> toEnd(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (consumer.assignment().isEmpty()) {
            if (!Instant.now().isBefore(deadline)) {
                throw new AssertionError("no partition was assigned within " + timeout);
            }
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            if (!Instant.now().isBefore(deadline)) {
                throw new AssertionError("the end of the topic was not reached within " + timeout);
            }
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    /** The record of a stream at a version (its CloudEvents stream version attribute). */
    public static Predicate<ConsumerRecord<String, String>> version(String key, long version) {
        return record -> key.equals(record.key()) && Long.toString(version).equals(header(record, CloudEventHeaders.STREAM_VERSION_ATTRIBUTE));
    }

    public static Predicate<ConsumerRecord<String, String>> keyed(String key) {
        return record -> key.equals(record.key());
    }

    /** The record as any consumer could read it: key, value and every header, for scanning what was published. */
    public static String text(ConsumerRecord<String, String> record) {
        StringBuilder text = new StringBuilder().append(record.key()).append('\n').append(record.value());
        for (var header : record.headers()) {
            text.append('\n').append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> match) {
        return seen.stream().filter(match).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}

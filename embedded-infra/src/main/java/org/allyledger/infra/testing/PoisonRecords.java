package org.allyledger.infra.testing;

import org.allyledger.contracts.CloudEventHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records no consumer can apply, made from a valid one: each kind found stalling a consumer once. A consumer must
 * dead-letter each with a reason that contains {@link Poison#reason()} and go on with the next record.
 */
public final class PoisonRecords {

    /** A poisoned record, its kind, and words its dead-letter reason contains. */
    public record Poison(String kind, ProducerRecord<String, String> record, String reason) {
        @Override
        public String toString() {
            return kind;
        }
    }

    /**
     * Every kind, each under a key of its own ({@code poison-<kind>-<random>}) and a new event id.
     *
     * @param textField a text field of the valid record's data that the consumer stores
     */
    public static List<Poison> of(ProducerRecord<String, String> valid, String textField) {
        return List.of(
                new Poison("NUL in a text field", withValue(valid, "nul", replaceText(valid.value(), textField, "a\\u0000b")),
                        "control characters"),
                new Poison("unpaired surrogate in a text field", withValue(valid, "surrogate", replaceText(valid.value(), textField, "a\\ud800b")),
                        "unpaired surrogate"),
                new Poison("content after the JSON document", withValue(valid, "trailing", valid.value() + " {\"more\": 1}"), "not JSON"),
                new Poison("an event time in the year 300000", withHeader(withValue(valid, "far-time", valid.value()), CloudEventHeaders.TIME,
                        "+300000-01-01T00:00:00Z"), "outside the years"),
                new Poison("NUL in the event type", withHeader(withValue(valid, "nul-type", valid.value()), CloudEventHeaders.TYPE,
                        "org.allyledger.x\u0000y"), "control characters"));
    }

    /** A record under a key of its own ({@code poison-<kind>-<random>}) and a new event id, for a poison made by hand. */
    public static ProducerRecord<String, String> rekeyed(ProducerRecord<String, String> record, String kind) {
        return withValue(record, kind, record.value());
    }

    /**
     * Waits for each poison on the dead-letter topic and checks it: its reason, where it came from, its original value
     * and headers. Answers each poison's reason as the dead-letter topic has it.
     */
    public static java.util.Map<Poison, String> awaitDeadLettered(String bootstrapServers, String deadLetterTopic, String topic,
                                                                  List<Poison> poisons, java.time.Duration timeout) {
        java.util.Map<Poison, String> reasons = new java.util.LinkedHashMap<>();
        try (TopicReader deadLetters = new TopicReader(bootstrapServers, deadLetterTopic)) {
            for (Poison poison : poisons) {
                List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> dead =
                        deadLetters.await(TopicReader.keyed(poison.record().key()), 1, timeout);
                check(dead.size() == 1, poison, "is on " + deadLetterTopic + " once, not " + dead.size() + " times");
                var record = dead.get(0);
                String reason = TopicReader.header(record, "dead-letter-reason");
                check(reason != null && reason.contains(poison.reason()), poison, "has a reason with '" + poison.reason() + "': " + reason);
                check(topic.equals(TopicReader.header(record, "dead-letter-topic")), poison, "names the topic it came from");
                check(TopicReader.header(record, "dead-letter-partition") != null && TopicReader.header(record, "dead-letter-offset") != null,
                        poison, "names its partition and offset");
                check(new String(poison.record().headers().lastHeader(CloudEventHeaders.ID).value(), java.nio.charset.StandardCharsets.UTF_8)
                        .equals(TopicReader.header(record, CloudEventHeaders.ID)), poison, "keeps its original headers");
                check(poison.record().value().equals(record.value()), poison, "keeps its original value");
                reasons.put(poison, reason);
            }
        }
        return reasons;
    }

    private static void check(boolean holds, Poison poison, String what) {
        if (!holds) {
            throw new AssertionError("the dead letter of " + poison.kind() + " " + what);
        }
    }

    private static ProducerRecord<String, String> withValue(ProducerRecord<String, String> valid, String kind, String value) {
        String key = "poison-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8);
        ProducerRecord<String, String> poison = new ProducerRecord<>(valid.topic(), key, value);
        valid.headers().forEach(header -> poison.headers().add(header.key(), header.value()));
        poison.headers().remove(CloudEventHeaders.ID);
        EventSender.header(poison, CloudEventHeaders.ID, UUID.randomUUID().toString());
        return poison;
    }

    private static ProducerRecord<String, String> withHeader(ProducerRecord<String, String> record, String name, String value) {
        record.headers().remove(name);
        EventSender.header(record, name, value);
        return record;
    }

    /** {@code jsonText} goes in as written: JSON escapes such as {@code \\u0000} stay escapes for the consumer's parser. */
    private static String replaceText(String json, String field, String jsonText) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"[^\"]*\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalArgumentException(field + " is not a text field of " + json);
        }
        return json.substring(0, matcher.start()) + "\"" + field + "\": \"" + jsonText + "\""
                + json.substring(matcher.end());
    }

    private PoisonRecords() {
    }
}

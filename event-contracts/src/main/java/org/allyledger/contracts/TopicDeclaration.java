package org.allyledger.contracts;

import java.time.Duration;
import java.util.Map;

/**
 * A topic as Ally Ledger needs it to exist: the launcher, the test broker and the Kubernetes manifests create
 * topics from these declarations alone, with the broker's auto-creation off.
 *
 * @param retentionMs {@code -1} for event topics, whose whole history a rebuild reads; bounded for dead letters
 */
public record TopicDeclaration(String name, int partitions, long retentionMs) {
    public static final long FOREVER = -1;

    /** An event topic: its history is the log that read models are rebuilt from, so it is never deleted. */
    static TopicDeclaration events(String name) {
        return new TopicDeclaration(name, Topics.PARTITIONS, FOREVER);
    }

    /** A consumer's dead letters: kept long enough to investigate, and also recorded in the consumer's database. */
    static TopicDeclaration deadLetters(String name) {
        return new TopicDeclaration(name, 1, Duration.ofDays(30).toMillis());
    }

    public boolean keepsHistory() {
        return retentionMs == FOREVER;
    }

    /** The topic-level configuration to create it with (and to reconcile an existing topic to). */
    public Map<String, String> config() {
        return Map.of("retention.ms", Long.toString(retentionMs), "retention.bytes", "-1", "cleanup.policy", "delete");
    }
}

package org.allyledger.contracts;

import java.util.List;
import java.util.Optional;

/**
 * The Kafka topics Ally Ledger publishes. Each carries one stream type's events, keyed by the stream id,
 * so one aggregate's events stay in order. The version suffix changes only with a breaking contract change.
 */
public final class Topics {
    public static final String PEOPLE = "allyledger.people.v1";
    public static final String COMMITMENTS = "allyledger.commitments.v1";
    public static final String SPONSORSHIPS = "allyledger.sponsorships.v1";
    public static final String RECOGNITION = "allyledger.recognition.v1";

    /** Where recognition-service's people replica and reporting-service's projections send what they cannot apply. */
    public static final String RECOGNITION_DEAD_LETTERS = "allyledger.recognition.dead-letter";
    public static final String REPORTING_DEAD_LETTERS = "allyledger.reporting.dead-letter";

    /** Partitions of each event topic: the most consumer replicas that share one topic's work. */
    public static final int PARTITIONS = 3;

    /** Every topic Ally Ledger uses, the one place they are declared. */
    public static final List<TopicDeclaration> DECLARED = List.of(
            TopicDeclaration.events(PEOPLE), TopicDeclaration.events(COMMITMENTS), TopicDeclaration.events(SPONSORSHIPS),
            TopicDeclaration.events(RECOGNITION),
            TopicDeclaration.deadLetters(RECOGNITION_DEAD_LETTERS), TopicDeclaration.deadLetters(REPORTING_DEAD_LETTERS));

    /** The declaration of a topic, if it is declared. */
    public static Optional<TopicDeclaration> declaration(String name) {
        return DECLARED.stream().filter(topic -> topic.name().equals(name)).findFirst();
    }

    private static final String PREFIX = "allyledger.";
    private static final String SUFFIX = ".v1";

    /** The topic the relay routes a stream type to; the Debezium router is configured with the same pattern. */
    public static String forStreamType(String streamType) {
        return PREFIX + streamType + SUFFIX;
    }

    /** The Debezium EventRouter's replacement pattern for {@link #forStreamType}. */
    public static final String ROUTER_TOPIC_PATTERN = PREFIX + "${routedByValue}" + SUFFIX;

    private Topics() {
    }
}

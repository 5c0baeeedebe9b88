package org.allyledger.contracts;

/**
 * The Kafka topics Ally Ledger publishes. Each carries one stream type's events, keyed by the stream id,
 * so one aggregate's events stay in order. The version suffix changes only with a breaking contract change.
 */
public final class Topics {
    public static final String PEOPLE = "allyledger.people.v1";
    public static final String COMMITMENTS = "allyledger.commitments.v1";
    public static final String SPONSORSHIPS = "allyledger.sponsorships.v1";
    public static final String RECOGNITION = "allyledger.recognition.v1";

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

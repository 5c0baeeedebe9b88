package org.allyledger.eventstore.relay;

/** Where the relay of this replica stands. */
public enum RelayState {
    /** Not started yet, or between a failure and the retry. */
    STARTING,
    /** Another replica holds the publisher lock; this one waits to take over. */
    STANDBY,
    /** This replica holds the lock and streams the events table to Kafka. */
    PUBLISHING,
    /** Stopped on purpose (configuration or an operator). */
    STOPPED,
    /** The engine failed; it is retried after the backoff. */
    FAILED
}

package org.allyledger.eventstore;

import java.time.OffsetDateTime;

/** An event as the store recorded it: its version in the stream, when, and who caused it. */
public record Recorded<E>(long version, E event, OffsetDateTime occurredAt, String actor) {
}

package org.allyledger.reporting.projection;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A rebuild of a projection into a new generation: {@code RUNNING} while it reads the log from the start,
 * {@code SWAPPED} once its generation replaced the live one, {@code CANCELLED} if stopped before.
 * {@code recordsRead} counts the log records it went through, duplicates and malformed ones included.
 */
public record RebuildStatus(UUID rebuildId, String projection, int generation, String status, String requestedBy,
                            OffsetDateTime requestedAt, OffsetDateTime finishedAt, long recordsRead, long malformedSkipped,
                            double recordsPerSecond) {

    public static final String RUNNING = "RUNNING";
    public static final String SWAPPED = "SWAPPED";
    public static final String CANCELLED = "CANCELLED";

    static RebuildStatus of(UUID rebuildId, String projection, int generation, String status, String requestedBy,
                            OffsetDateTime requestedAt, OffsetDateTime finishedAt, long recordsRead, long malformedSkipped) {
        OffsetDateTime until = finishedAt == null ? OffsetDateTime.now() : finishedAt;
        double seconds = Math.max(0.001, Duration.between(requestedAt, until).toMillis() / 1000.0);
        return new RebuildStatus(rebuildId, projection, generation, status, requestedBy, requestedAt, finishedAt, recordsRead,
                malformedSkipped, Math.round(recordsRead / seconds * 10) / 10.0);
    }

    public boolean running() {
        return RUNNING.equals(status);
    }
}

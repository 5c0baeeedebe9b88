package org.allyledger.reporting.operations;

import java.time.OffsetDateTime;
import java.util.List;

/** Where a projection stands in its topic: per partition, the last offset it applied, the end of the log, the lag. */
public record ProjectionStatus(String projection, String topic, long eventsApplied, long lag, List<Partition> partitions) {

    /**
     * {@code lastOffset} is the last record handled (applied, or recognised as a duplicate), -1 before any;
     * {@code lastEventTime} is that record's event time.
     */
    public record Partition(int partition, long lastOffset, long endOffset, long lag, OffsetDateTime lastEventTime) {
    }
}

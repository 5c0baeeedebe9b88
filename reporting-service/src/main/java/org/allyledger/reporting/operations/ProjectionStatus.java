package org.allyledger.reporting.operations;

import io.vertx.mutiny.sqlclient.Row;
import org.apache.kafka.common.TopicPartition;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Where a generation of a projection stands in its topic: per partition, the last offset it applied, the end of the
 * log, the lag. {@code generation} is the live one in the operations view, the one being built in a rebuild's progress.
 */
public record ProjectionStatus(String projection, int generation, String topic, long eventsApplied, long lag, List<Partition> partitions) {

    /**
     * {@code lastOffset} is the last record handled (applied, or recognised as a duplicate), -1 before any;
     * {@code lastEventTime} is that record's event time.
     */
    public record Partition(int partition, long lastOffset, long endOffset, long lag, OffsetDateTime lastEventTime) {
    }

    /** What a generation has handled in one partition, as {@code reporting_positions} answers it. */
    record Position(int partition, long lastOffset, OffsetDateTime eventTime, long applied) {

        static Position of(Row row) {
            return new Position(row.getInteger("kafka_partition"), row.getLong("kafka_offset"), row.getOffsetDateTime("event_time"),
                    row.getLong("applied"));
        }
    }

    /** The positions of one generation against the ends of its topic's partitions. */
    static ProjectionStatus of(String projection, int generation, String topic, Map<Integer, Position> positions,
                               Map<TopicPartition, Long> ends) {
        List<Partition> partitions = new ArrayList<>();
        long events = 0;
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (!end.getKey().topic().equals(topic)) {
                continue;
            }
            Position position = positions.get(end.getKey().partition());
            long last = position == null ? -1 : position.lastOffset();
            long partitionLag = Math.max(0, end.getValue() - (last + 1));
            events += position == null ? 0 : position.applied();
            lag += partitionLag;
            partitions.add(new Partition(end.getKey().partition(), last, end.getValue(), partitionLag,
                    position == null ? null : position.eventTime()));
        }
        partitions.sort(Comparator.comparingInt(Partition::partition));
        return new ProjectionStatus(projection, generation, topic, events, lag, partitions);
    }
}

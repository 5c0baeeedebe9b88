package org.allyledger.inbox;

import org.allyledger.contracts.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch's records in an order that keeps each stream's own order and puts records of one type together: first the
 * first record of every stream (its record key) in the batch, then the second of every stream, and so on; within each
 * such wave, records of one type together, types in the order they first appear in the batch. For a consumer whose
 * changes to different streams commute (a projection: each stream its own rows, tallies that add up), applying them in
 * this order ends where the offsets' order does, and a batch's events of one kind become runs that a set statement
 * ({@link Sql#updateRow}) sends as one.
 */
public final class StreamWaves {

    public static List<ConsumerRecord<String, String>> order(List<ConsumerRecord<String, String>> records) {
        if (records.size() < 2 || records.size() >= 1 << 21) {
            return records;
        }
        Map<String, Integer> seenOfStream = new HashMap<>();
        Map<ByteBuffer, Integer> typeRank = new HashMap<>();
        long[] sortKeys = new long[records.size()];
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            int wave = seenOfStream.merge(String.valueOf(record.key()), 1, Integer::sum) - 1;
            Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
            ByteBuffer typeName = ByteBuffer.wrap(type == null || type.value() == null ? new byte[0] : type.value());
            int rank = typeRank.computeIfAbsent(typeName, t -> typeRank.size());
            // wave, then type, then the position in the batch: a stable order
            sortKeys[i] = ((long) wave << 42) | ((long) rank << 21) | i;
        }
        Arrays.sort(sortKeys);
        List<ConsumerRecord<String, String>> ordered = new ArrayList<>(records.size());
        for (long key : sortKeys) {
            ordered.add(records.get((int) (key & ((1 << 21) - 1))));
        }
        return ordered;
    }

    private StreamWaves() {
    }
}

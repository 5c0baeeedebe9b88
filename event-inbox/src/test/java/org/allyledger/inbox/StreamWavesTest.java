package org.allyledger.inbox;

import org.allyledger.contracts.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A batch in stream waves: each stream's records keep their order, and records of one type come together. */
class StreamWavesTest {

    private static ConsumerRecord<String, String> record(long offset, String stream, String type) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("allyledger.commitments.v1", 0, offset, stream, "{}");
        record.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static List<String> applied(List<ConsumerRecord<String, String>> records) {
        return StreamWaves.order(records).stream().map(r -> r.key() + ":" + r.offset()).toList();
    }

    @Test
    void eachStreamKeepsItsOrderAndEachWaveGroupsItsTypes() {
        List<ConsumerRecord<String, String>> batch = List.of(
                record(0, "c-1", "Made"), record(1, "c-1", "ActionLogged"), record(2, "c-1", "ActionLogged"),
                record(3, "c-2", "Made"), record(4, "c-2", "ActionLogged"), record(5, "c-3", "ActionLogged"),
                record(6, "c-3", "Fulfilled"), record(7, "c-4", "Made"));

        // wave 1: the first record of each stream, Made before ActionLogged as Made came first in the batch; then the seconds; then the third
        assertEquals(List.of("c-1:0", "c-2:3", "c-4:7", "c-3:5", "c-1:1", "c-2:4", "c-3:6", "c-1:2"), applied(batch));
    }

    @Test
    void aBatchOfOneStreamIsInItsOwnOrder() {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(record(i, "i-1", i % 3 == 0 ? "Pledged" : "Withdrawn"));
        }

        assertEquals(batch.stream().map(r -> r.key() + ":" + r.offset()).toList(), applied(batch));
    }
}

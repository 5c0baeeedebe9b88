package org.allyledger.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fold and the codec, on a small counter aggregate. */
class StreamFoldTest {

    sealed interface CounterEvent {
        @EventType("test.Added.v1")
        record Added(int amount) implements CounterEvent {
        }

        @EventType("test.Reset.v1")
        record Reset() implements CounterEvent {
        }
    }

    static final class Counters extends StreamType<Integer, CounterEvent> {
        Counters() {
            super("counter", CounterEvent.class, 0, new ObjectMapper());
        }

        @Override
        public Integer apply(Integer state, CounterEvent event) {
            return switch (event) {
                case CounterEvent.Added added -> state + added.amount();
                case CounterEvent.Reset reset -> 0;
            };
        }

        @Override
        public org.allyledger.contracts.published.PublishedEvent publish(CounterEvent event) {
            throw new UnsupportedOperationException("counters are not published");
        }
    }

    private final Counters counters = new Counters();

    @Test
    void foldAppliesEventsInOrderFromTheInitialState() {
        assertEquals(5, counters.fold(List.of(new CounterEvent.Added(2), new CounterEvent.Reset(), new CounterEvent.Added(5))));
    }

    @Test
    void foldOfNoEventsIsTheInitialState() {
        assertEquals(0, counters.fold(List.of()));
    }

    @Test
    void applyAllContinuesFromAGivenState() {
        assertEquals(10, counters.applyAll(7, List.of(new CounterEvent.Added(3))));
    }

    @Test
    void codecRoundTripsEachEventUnderItsTypeName() {
        CounterEvent added = new CounterEvent.Added(4);

        assertEquals("test.Added.v1", counters.codec().typeOf(added));
        assertEquals(added, counters.codec().decode("test.Added.v1", counters.codec().encode(added)));
    }

    @Test
    void codecRefusesATypeItDoesNotKnow() {
        assertThrows(IllegalStateException.class, () -> counters.codec().decode("test.Unknown.v1", "{}"));
    }
}

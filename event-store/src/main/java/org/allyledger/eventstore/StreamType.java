package org.allyledger.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.allyledger.contracts.published.PublishedEvent;

import java.util.List;

/**
 * A kind of event stream: its name (which also routes its events to a topic), the codec of its sealed event family,
 * the empty state of its aggregate, the pure fold of one event into the state, and the published form of each event.
 * A stream type says only what differs: its fold and its translation to the published contract.
 *
 * @param <S> the aggregate's state, immutable
 * @param <E> the sealed family of its events
 */
public abstract class StreamType<S, E> {
    private final String name;
    private final EventCodec<E> codec;
    private final S initialState;

    protected StreamType(String name, Class<E> events, S initialState, ObjectMapper json) {
        this.name = name;
        this.codec = EventCodec.of(events, json);
        this.initialState = initialState;
    }

    public String name() {
        return name;
    }

    public EventCodec<E> codec() {
        return codec;
    }

    public S initialState() {
        return initialState;
    }

    /** Applies one event; never validates, never fails: the event has already happened. */
    public abstract S apply(S state, E event);

    /**
     * The event as it is published on the stream's topic: the relay translates each stored event at the boundary, so
     * the internal event can change, and a field can be withheld, without breaking a consumer of the contract.
     */
    public abstract PublishedEvent publish(E event);

    public S applyAll(S state, List<? extends E> events) {
        S result = state;
        for (E event : events) {
            result = apply(result, event);
        }
        return result;
    }

    public S fold(List<? extends E> events) {
        return applyAll(initialState(), events);
    }
}

package org.allyledger.eventstore;

import org.allyledger.contracts.published.PublishedEvent;

import java.util.List;

/**
 * A kind of event stream: its name (which also routes its events to a topic), the empty state of
 * its aggregate, and the pure fold of one event into the state.
 *
 * @param <S> the aggregate's state, immutable
 * @param <E> the sealed family of its events
 */
public interface StreamType<S, E> {

    String name();

    EventCodec<E> codec();

    S initialState();

    /** Applies one event; never validates, never fails: the event has already happened. */
    S apply(S state, E event);

    /**
     * The event as it is published on the stream's topic: the relay translates each stored event at the boundary, so
     * the internal event can change, and a field can be withheld, without breaking a consumer of the contract.
     */
    PublishedEvent publish(E event);

    default S applyAll(S state, List<? extends E> events) {
        S result = state;
        for (E event : events) {
            result = apply(result, event);
        }
        return result;
    }

    default S fold(List<? extends E> events) {
        return applyAll(initialState(), events);
    }
}

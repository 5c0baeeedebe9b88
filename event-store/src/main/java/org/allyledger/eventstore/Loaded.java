package org.allyledger.eventstore;

/** An aggregate's state as folded from its stream, with the stream version it reflects (0: no stream yet). */
public record Loaded<S>(S state, long version) {

    public boolean isNew() {
        return version == 0;
    }
}

package org.allyledger.commitment.people.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.eventstore.EventCodec;
import org.allyledger.eventstore.StreamType;

/** The people streams: one per employee id, published on the people topic. */
@ApplicationScoped
public class PeopleStream implements StreamType<Person, PersonEvent> {
    private final EventCodec<PersonEvent> codec;

    public PeopleStream(ObjectMapper json) {
        this.codec = EventCodec.of(PersonEvent.class, json);
    }

    @Override
    public String name() {
        return PeopleEventTypes.STREAM_TYPE;
    }

    @Override
    public EventCodec<PersonEvent> codec() {
        return codec;
    }

    @Override
    public Person initialState() {
        return Person.UNKNOWN;
    }

    @Override
    public Person apply(Person state, PersonEvent event) {
        return state.apply(event);
    }
}

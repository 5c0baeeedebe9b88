package org.allyledger.commitment.people.domain;

import org.allyledger.contracts.published.PeopleV1;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.eventstore.StreamType;

/** The people streams: one per employee id, published on the people topic. */
@Singleton
public class PeopleStream extends StreamType<Person, PersonEvent> {

    public PeopleStream(ObjectMapper json) {
        super(PeopleEventTypes.STREAM_TYPE, PersonEvent.class, Person.UNKNOWN, json);
    }

    @Override
    public Person apply(Person state, PersonEvent event) {
        return state.apply(event);
    }

    /** Names and emails are not published: portals read them from the REST directory, which erasure reaches. */
    @Override
    public PeopleV1 publish(PersonEvent event) {
        return switch (event) {
            case PersonEvent.PersonRegistered e -> new PeopleV1.PersonRegistered(e.employeeId(), null, null, e.department(),
                    e.location(), e.workModel().name(), e.managerId(), e.active());
            case PersonEvent.PersonUpdated e -> new PeopleV1.PersonUpdated(e.employeeId(), null, null, e.department(),
                    e.location(), e.workModel().name(), e.managerId(), e.active());
            case PersonEvent.PersonDeparted e -> new PeopleV1.PersonDeparted(e.employeeId(), e.departedOn());
            case PersonEvent.PersonalDataErased e -> new PeopleV1.PersonalDataErased(e.employeeId());
        };
    }
}

package org.allyledger.commitment.people.domain;

import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.eventstore.EventType;

import java.time.LocalDate;

/** Events of a person's stream in the people directory; published on the people topic. */
public sealed interface PersonEvent {

    String employeeId();

    /** The first time HR sends a person. */
    @EventType(PeopleEventTypes.PERSON_REGISTERED)
    record PersonRegistered(String employeeId, String displayName, String email, String department, String location,
                            WorkModel workModel, String managerId, boolean active) implements PersonEvent {

        static PersonRegistered of(String employeeId, PersonProfile p) {
            return new PersonRegistered(employeeId, p.displayName(), p.email(), p.department(), p.location(),
                    p.workModel(), p.managerId(), p.active());
        }

        public PersonProfile profile() {
            return new PersonProfile(displayName, email, department, location, workModel, managerId, active);
        }
    }

    /** HR sent a person again with something changed; carries the whole new profile. */
    @EventType(PeopleEventTypes.PERSON_UPDATED)
    record PersonUpdated(String employeeId, String displayName, String email, String department, String location,
                         WorkModel workModel, String managerId, boolean active) implements PersonEvent {

        static PersonUpdated of(String employeeId, PersonProfile p) {
            return new PersonUpdated(employeeId, p.displayName(), p.email(), p.department(), p.location(),
                    p.workModel(), p.managerId(), p.active());
        }

        public PersonProfile profile() {
            return new PersonProfile(displayName, email, department, location, workModel, managerId, active);
        }
    }

    /** The person left the organisation; they can no longer commit, act, pledge, nominate or be nominated. */
    @EventType(PeopleEventTypes.PERSON_DEPARTED)
    record PersonDeparted(String employeeId, LocalDate departedOn) implements PersonEvent {
    }

    /** HR erased the person's personal data; their data key is destroyed with it. */
    @EventType(PeopleEventTypes.PERSONAL_DATA_ERASED)
    record PersonalDataErased(String employeeId) implements PersonEvent {
    }
}

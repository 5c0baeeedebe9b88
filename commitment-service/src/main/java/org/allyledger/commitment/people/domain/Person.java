package org.allyledger.commitment.people.domain;

import org.allyledger.commitment.people.domain.PersonEvent.PersonRegistered;
import org.allyledger.commitment.people.domain.PersonEvent.PersonUpdated;

import java.util.List;

/** A person in the directory, as folded from their stream. {@code profile} is null until registered. */
public record Person(String employeeId, PersonProfile profile) {

    public static final Person UNKNOWN = new Person(null, null);

    public boolean registered() {
        return profile != null;
    }

    /** HR's upsert: registers a new person, records a change, or does nothing if nothing changed. */
    public List<PersonEvent> upsert(String employeeId, PersonProfile desired) {
        if (!registered()) {
            return List.of(PersonRegistered.of(employeeId, desired));
        }
        if (profile.equals(desired)) {
            return List.of();
        }
        return List.of(PersonUpdated.of(employeeId, desired));
    }

    public Person apply(PersonEvent event) {
        return new Person(event.employeeId(), event.profile());
    }
}

package org.allyledger.commitment.people.domain;

import org.allyledger.commitment.people.domain.PersonEvent.PersonRegistered;
import org.allyledger.commitment.people.domain.PersonEvent.PersonDeparted;
import org.allyledger.commitment.people.domain.PersonEvent.PersonUpdated;
import org.allyledger.commitment.people.domain.PersonEvent.PersonalDataErased;
import org.allyledger.domain.Rejections;

import java.time.LocalDate;
import java.util.List;

/**
 * A person in the directory, as folded from their stream. {@code profile} is null until registered; its name and email
 * are sealed under the person's data key, and null once {@code erased}.
 */
public record Person(String employeeId, PersonProfile profile, boolean erased) {

    public static final Person UNKNOWN = new Person(null, null, false);

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

    /** Erases the person's personal data; erasing again changes nothing. */
    public List<PersonEvent> erase(String employeeId) {
        if (!registered()) {
            throw Rejections.notFound("person", employeeId);
        }
        return erased ? List.of() : List.of(new PersonalDataErased(employeeId));
    }

    public boolean active() {
        return registered() && profile.active();
    }

    /** Marks the person departed; a departed person departs only once. */
    public List<PersonEvent> depart(String employeeId, LocalDate departedOn) {
        if (!registered()) {
            throw Rejections.notFound("person", employeeId);
        }
        if (!profile.active()) {
            return List.of();
        }
        return List.of(new PersonDeparted(employeeId, departedOn));
    }

    /** A pure fold: the compiler checks that every event type of the stream has its branch. */
    public Person apply(PersonEvent event) {
        return switch (event) {
            case PersonRegistered registered -> new Person(registered.employeeId(), registered.profile(), false);
            case PersonUpdated updated -> new Person(updated.employeeId(), updated.profile(), false);
            case PersonDeparted departed -> new Person(employeeId, new PersonProfile(profile.displayName(), profile.email(),
                    profile.department(), profile.location(), profile.workModel(), profile.managerId(), false), erased);
            case PersonalDataErased e -> new Person(employeeId, new PersonProfile(null, null, profile.department(), profile.location(),
                    profile.workModel(), profile.managerId(), profile.active()), true);
        };
    }
}

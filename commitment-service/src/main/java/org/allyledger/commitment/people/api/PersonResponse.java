package org.allyledger.commitment.people.api;

import org.allyledger.commitment.people.domain.Person;
import org.allyledger.commitment.people.domain.WorkModel;

/** A person in the directory, with the version to send back in {@code If-Match}. */
public record PersonResponse(String employeeId, String displayName, String email, String department, String location,
                             WorkModel workModel, String managerId, boolean active, long version) {

    static PersonResponse of(Person person, long version) {
        var p = person.profile();
        return new PersonResponse(person.employeeId(), p.displayName(), p.email(), p.department(), p.location(),
                p.workModel(), p.managerId(), p.active(), version);
    }
}

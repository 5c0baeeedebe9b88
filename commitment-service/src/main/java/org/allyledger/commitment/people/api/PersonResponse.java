package org.allyledger.commitment.people.api;

import org.allyledger.commitment.people.domain.Person;
import org.allyledger.commitment.people.domain.WorkModel;
import org.allyledger.writeapi.privacy.PersonalData;
import org.allyledger.writeapi.privacy.PersonalText;

/**
 * A person in the directory, with the version to send back in {@code If-Match}. Once their personal data is erased, the
 * name reads "erased person", the email is null and {@code erased} is true.
 */
public record PersonResponse(String employeeId, String displayName, String email, String department, String location,
                             WorkModel workModel, String managerId, boolean active, boolean erased, long version) {

    /** @param text the person's key, to open their sealed name and email */
    static PersonResponse of(Person person, long version, PersonalText text) {
        var p = person.profile();
        String name = person.erased() ? null : text.open(p.displayName());
        return new PersonResponse(person.employeeId(), name == null ? PersonalData.ERASED_NAME : name,
                person.erased() ? null : text.open(p.email()), p.department(), p.location(), p.workModel(), p.managerId(), p.active(),
                person.erased(), version);
    }
}

package org.allyledger.commitment.people.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.allyledger.commitment.people.domain.PersonProfile;
import org.allyledger.commitment.people.domain.WorkModel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A person as an HR system sends them. */
@Schema(name = "PersonRequest", example = """
        {"displayName": "Ada Lovelace", "email": "ada@example.org", "department": "Engineering",
         "location": "London", "workModel": "HYBRID", "managerId": "e100", "active": true}""")
public record PersonRequest(
        @NotBlank @Size(max = 200) String displayName,
        @NotBlank @Email @Size(max = 320) String email,
        @NotBlank @Size(max = 100) String department,
        @NotBlank @Size(max = 100) String location,
        @NotNull WorkModel workModel,
        @Size(max = 64) @Pattern(regexp = PeopleResource.EMPLOYEE_ID, message = "must be 1-64 letters, digits, '.', '_' or '-'")
        String managerId,
        Boolean active) {

    PersonProfile toProfile() {
        return new PersonProfile(displayName.strip(), email.strip(), department.strip(), location.strip(), workModel,
                managerId, active == null || active);
    }
}

package org.allyledger.commitment.people.domain;

/** A person as the HR system of record describes them. */
public record PersonProfile(String displayName, String email, String department, String location,
                            WorkModel workModel, String managerId, boolean active) {
}

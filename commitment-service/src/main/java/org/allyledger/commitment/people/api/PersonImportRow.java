package org.allyledger.commitment.people.api;

/**
 * One row of a bulk import, as sent: every field as text, checked row by row, so one bad row does not refuse
 * the others. {@code active} is true or false (JSON booleans are read as such); empty means true.
 */
public record PersonImportRow(String employeeId, String displayName, String email, String department, String location,
                              String workModel, String managerId, String active) {
}

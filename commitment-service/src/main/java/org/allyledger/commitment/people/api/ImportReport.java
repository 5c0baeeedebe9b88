package org.allyledger.commitment.people.api;

import org.allyledger.api.Problem;

import java.util.List;

/** What a bulk import did: rows received, how each valid row changed the directory, and why the others were refused. */
public record ImportReport(int received, int registered, int updated, int unchanged, List<RejectedRow> rejected) {

    /** @param row 1-based, not counting a CSV header */
    public record RejectedRow(int row, String employeeId, List<Problem.FieldError> errors) {
    }
}

package org.allyledger.commitment.people.api;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.allyledger.api.Problem;
import org.allyledger.api.ProblemException;
import org.allyledger.domain.Rejection;
import org.allyledger.writeapi.CommandExecutor;
import org.allyledger.writeapi.Decision;
import org.allyledger.commitment.people.domain.WorkModel;
import org.allyledger.eventstore.EventMetadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Bulk upsert of people: every valid row is applied as its own upsert (so re-sending a file changes nothing),
 * every invalid row is reported with its field errors.
 */
@ApplicationScoped
public class PeopleImport {
    public static final int MAX_ROWS = 20_000;
    private static final int CONCURRENCY = 8;
    private static final Pattern EMPLOYEE_ID = Pattern.compile(PeopleResource.EMPLOYEE_ID);

    private final PeopleDirectory directory;
    private final CommandExecutor commands;
    private final Validator validator;

    public PeopleImport(PeopleDirectory directory, CommandExecutor commands, Validator validator) {
        this.directory = directory;
        this.commands = commands;
        this.validator = validator;
    }

    /** A row's outcome: {@code applied} is null when it was refused. */
    private record Outcome(int row, String employeeId, Decision applied, List<Problem.FieldError> errors) {
    }

    private record ValidRow(int row, String employeeId, PersonRequest person) {
    }

    public Uni<ImportReport> importAll(List<PersonImportRow> rows, EventMetadata metadata) {
        if (rows.size() > MAX_ROWS) {
            throw new ProblemException(Problem.invalid("An import holds at most " + MAX_ROWS + " rows; split the file.",
                    List.of(new Problem.FieldError("body", "has " + rows.size() + " rows, more than " + MAX_ROWS))));
        }
        List<Outcome> refused = new ArrayList<>();
        List<ValidRow> valid = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            PersonImportRow row = rows.get(i);
            List<Problem.FieldError> errors = new ArrayList<>();
            PersonRequest person = check(row, errors);
            if (row != null && row.employeeId() != null && !seen.add(row.employeeId())) {
                errors.add(new Problem.FieldError("employeeId", "appears more than once in this import"));
            }
            if (errors.isEmpty()) {
                valid.add(new ValidRow(i + 1, row.employeeId(), person));
            } else {
                refused.add(new Outcome(i + 1, row == null ? null : row.employeeId(), null, errors));
            }
        }
        return Multi.createFrom().iterable(valid)
                .onItem().transformToUni(row -> commands.run(new EventMetadata(metadata.actor(), row.employeeId(), metadata.correlationId()),
                                true, () -> directory.upsert(row.employeeId(), row.person().toProfile(), OptionalLong.empty()))
                        .map(applied -> new Outcome(row.row(), row.employeeId(), applied, List.of()))
                        .onFailure(failure -> failure instanceof Rejection || failure instanceof ProblemException)
                        .recoverWithItem(failure -> new Outcome(row.row(), row.employeeId(), null,
                                List.of(new Problem.FieldError("employeeId", failure.getMessage())))))
                .merge(CONCURRENCY)
                .collect().asList()
                .map(applied -> report(rows.size(), applied, refused));
    }

    private static ImportReport report(int received, List<Outcome> applied, List<Outcome> refused) {
        int registered = 0;
        int updated = 0;
        int unchanged = 0;
        List<Outcome> rejected = new ArrayList<>(refused);
        for (Outcome outcome : applied) {
            if (outcome.applied() == null) {
                rejected.add(outcome);
            } else if (outcome.applied().eventCount() == 0) {
                unchanged++;
            } else if (outcome.applied().result().status() == 201) {
                registered++;
            } else {
                updated++;
            }
        }
        rejected.sort(Comparator.comparingInt(Outcome::row));
        return new ImportReport(received, registered, updated, unchanged, rejected.stream()
                .map(o -> new ImportReport.RejectedRow(o.row(), o.employeeId(), o.errors())).toList());
    }

    private PersonRequest check(PersonImportRow row, List<Problem.FieldError> errors) {
        if (row == null) {
            errors.add(new Problem.FieldError("row", "is empty"));
            return null;
        }
        if (row.employeeId() == null || !EMPLOYEE_ID.matcher(row.employeeId()).matches()) {
            errors.add(new Problem.FieldError("employeeId", "must be 1-64 letters, digits, '.', '_' or '-'"));
        }
        WorkModel workModel = null;
        if (row.workModel() == null || row.workModel().isBlank()) {
            errors.add(new Problem.FieldError("workModel", "must not be null"));
        } else {
            try {
                workModel = WorkModel.valueOf(row.workModel().strip().toUpperCase());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("workModel", "must be one of " + Arrays.stream(WorkModel.values())
                        .map(Enum::name).collect(Collectors.joining(", "))));
            }
        }
        Boolean active = null;
        if (row.active() != null && !row.active().isBlank()) {
            String flag = row.active().strip().toLowerCase();
            if (flag.equals("true") || flag.equals("false")) {
                active = Boolean.valueOf(flag);
            } else {
                errors.add(new Problem.FieldError("active", "must be true or false"));
            }
        }
        String managerId = row.managerId() == null || row.managerId().isBlank() ? null : row.managerId().strip();
        PersonRequest person = new PersonRequest(row.displayName(), row.email(), row.department(), row.location(),
                workModel == null ? WorkModel.ONSITE : workModel, managerId, active);
        for (ConstraintViolation<PersonRequest> violation : validator.validate(person)) {
            errors.add(new Problem.FieldError(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return person;
    }
}

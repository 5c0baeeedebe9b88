package org.allyledger.commitment.people.api;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.allyledger.api.Problem;
import org.allyledger.api.ProblemException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads a people CSV with a header row; columns are named as the JSON fields, extra columns are ignored. */
final class PeopleCsv {
    private static final CsvMapper CSV = new CsvMapper();

    static List<PersonImportRow> read(String csv) {
        String header = csv.lines().findFirst().orElse("");
        if (Arrays.stream(header.split(",")).map(column -> column.strip().replace("\"", "")).noneMatch("employeeId"::equals)) {
            throw missingHeader();
        }
        List<PersonImportRow> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> lines = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(csv)) {
            while (lines.hasNext()) {
                Map<String, String> line = lines.next();
                rows.add(new PersonImportRow(text(line, "employeeId"), text(line, "displayName"), text(line, "email"),
                        text(line, "department"), text(line, "location"), text(line, "workModel"), text(line, "managerId"),
                        text(line, "active")));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw new ProblemException(Problem.invalid("The CSV cannot be read: " + e.getMessage(),
                    List.of(new Problem.FieldError("body", "is not CSV with a header row"))));
        }
        return rows;
    }

    private static ProblemException missingHeader() {
        return new ProblemException(Problem.invalid("The CSV needs a header row naming its columns.",
                List.of(new Problem.FieldError("body", "has no employeeId column"))));
    }

    private static String text(Map<String, String> line, String column) {
        String value = line.get(column);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private PeopleCsv() {
    }
}

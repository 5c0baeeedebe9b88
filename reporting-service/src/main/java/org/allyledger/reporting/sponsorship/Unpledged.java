package org.allyledger.reporting.sponsorship;

import org.allyledger.reporting.infra.CsvExportable;

import java.util.ArrayList;
import java.util.List;

/** A page of active people without a standing pledge for the year, by employee id; {@code next} continues it. */
public record Unpledged(int year, List<Person> people, String next) implements CsvExportable {

    public record Person(String employeeId, String department, String location, String workModel) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("year", "employeeId", "department", "location", "workModel");
    }

    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        for (Person p : people) {
            rows.add(List.of(year, p.employeeId(), p.department(), p.location(), p.workModel()));
        }
        return rows;
    }
}

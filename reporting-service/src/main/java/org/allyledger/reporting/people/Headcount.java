package org.allyledger.reporting.people;

import org.allyledger.reporting.infra.CsvExportable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Active people, in total and per department, location and work model. */
public record Headcount(long total, List<Group> byDepartment, List<Group> byLocation, List<Group> byWorkModel) implements CsvExportable {

    public record Group(String name, long headcount) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("by", "name", "headcount");
    }

    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList("total", null, total));
        byDepartment.forEach(group -> rows.add(List.of("department", group.name(), group.headcount())));
        byLocation.forEach(group -> rows.add(List.of("location", group.name(), group.headcount())));
        byWorkModel.forEach(group -> rows.add(List.of("workModel", group.name(), group.headcount())));
        return rows;
    }
}

package org.allyledger.reporting.people;

import java.util.List;

/** Active people, in total and per department, location and work model. */
public record Headcount(long total, List<Group> byDepartment, List<Group> byLocation, List<Group> byWorkModel) {

    public record Group(String name, long headcount) {
    }
}

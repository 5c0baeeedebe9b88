package org.allyledger.reporting.sponsorship;

import org.allyledger.reporting.infra.CsvExportable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The yearly expectation: every active employee sponsors at least one initiative. Per initiative its sponsors
 * (pledged or fulfilled) and fulfilled pledges; coverage of active employees with a standing pledge, overall and
 * by their current department. The initiatives are the first page of the year's, by name: {@code next} continues them at
 * {@code /reports/sponsorship/initiatives} (null when there are no more).
 */
public record SponsorshipTracking(int year, List<InitiativeLine> initiatives, String next, Coverage overall, List<Coverage> byDepartment)
        implements CsvExportable {

    public record InitiativeLine(String initiativeId, String name, String erg, Integer sponsorCapacity, boolean open,
                                 long sponsors, long fulfilled) {
    }

    public record Coverage(String department, long activeEmployees, long withPledge, double coverage) {
    }

    /** The CSV has one row per initiative, then one per department's coverage, marked by {@code kind}. */
    @Override
    public List<String> csvHeader() {
        return HEADER;
    }

    /** An initiative's CSV row, in the columns of {@link #HEADER}: the same in the report and in the pages that continue it. */
    static List<Object> initiativeRow(int year, InitiativeLine i) {
        return Arrays.asList(year, "initiative", i.initiativeId(), i.name(), i.erg(), i.sponsorCapacity(), i.open(),
                i.sponsors(), i.fulfilled(), null, null, null);
    }

    static final List<String> HEADER = List.of("year", "kind", "id", "name", "erg", "sponsorCapacity", "open", "sponsors", "fulfilled",
                "activeEmployees", "withPledge", "coverage");

    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        for (InitiativeLine i : initiatives) {
            rows.add(initiativeRow(year, i));
        }
        rows.add(Arrays.asList(year, "coverage", null, "overall", null, null, null, null, null,
                overall.activeEmployees(), overall.withPledge(), overall.coverage()));
        for (Coverage c : byDepartment) {
            rows.add(Arrays.asList(year, "coverage", null, c.department(), null, null, null, null, null,
                    c.activeEmployees(), c.withPledge(), c.coverage()));
        }
        return rows;
    }
}

package org.allyledger.reporting.sponsorship;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.reporting.commitments.Fulfilment;
import org.allyledger.inbox.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Commitment fulfilment and yearly sponsorship, computed from the read model when asked. */
@ApplicationScoped
public class SponsorshipReports {
    private static final String INITIATIVES = """
            select initiative_id, name, erg, sponsor_capacity, open, sponsors, fulfilled_sponsors
            from initiatives where year = ?1 order by name, initiative_id""";
    /** Active people and the sponsors among them per department, from the tallies the projections keep. */
    private static final String COVERAGE = """
            with heads as (select department, sum(people) as people from headcount_tally where people > 0 group by 1)
            select grouping(h.department), h.department, coalesce(sum(h.people), 0), coalesce(sum(c.sponsors), 0)
            from heads h left join coverage_tally c on c.year = ?1 and c.department = h.department
            group by grouping sets ((h.department), ())""";
    private static final String UNPLEDGED = """
            select pe.employee_id, pe.department, pe.location, pe.work_model from people pe
            where pe.active and pe.employee_id > ?2
              and not exists (select 1 from pledges p where p.ally_id = pe.employee_id and p.year = ?1 and p.status <> 'WITHDRAWN')
            order by pe.employee_id limit ?3""";
    /**
     * %s is a column from {@link #FULFILMENT_GROUPS}, never input. Reads the tally the commitments projection keeps per
     * year, category and the ally's department when the commitment was made.
     */
    private static final String FULFILMENT = """
            select %s as grp, sum(commitments), sum(active), sum(fulfilled), sum(withdrawn), sum(lapsed), sum(actions), sum(renewed)
            from commitment_tally where year = ?1
            group by 1 having sum(commitments) > 0 order by 1""";
    public static final Map<String, String> FULFILMENT_GROUPS = Map.of("category", "category", "department", "department");

    public Uni<SponsorshipTracking> tracking(int year) {
        return Sql.rows(INITIATIVES, year).flatMap(initiatives -> Sql.rows(COVERAGE, year).map(coverage -> {
            List<SponsorshipTracking.InitiativeLine> lines = initiatives.stream().map(r -> new SponsorshipTracking.InitiativeLine(
                    (String) r[0], (String) r[1], (String) r[2], r[3] == null ? null : ((Number) r[3]).intValue(), (Boolean) r[4],
                    number(r[5]), number(r[6]))).toList();
            SponsorshipTracking.Coverage overall = new SponsorshipTracking.Coverage(null, 0, 0, 0);
            List<SponsorshipTracking.Coverage> departments = new ArrayList<>();
            for (Object[] r : coverage) {
                SponsorshipTracking.Coverage c = coverage((String) r[1], number(r[2]), number(r[3]));
                if (number(r[0]) == 1) {
                    overall = c;
                } else {
                    departments.add(c);
                }
            }
            departments.sort(java.util.Comparator.comparing(SponsorshipTracking.Coverage::department));
            return new SponsorshipTracking(year, lines, overall, departments);
        }));
    }

    public Uni<Unpledged> unpledged(int year, String after, int limit) {
        return Sql.rows(UNPLEDGED, year, after == null ? "" : after, limit + 1).map(rows -> {
            List<Unpledged.Person> people = rows.stream().limit(limit)
                    .map(r -> new Unpledged.Person((String) r[0], (String) r[1], (String) r[2], (String) r[3])).toList();
            String next = rows.size() > limit ? people.get(limit - 1).employeeId() : null;
            return new Unpledged(year, people, next);
        });
    }

    public Uni<Fulfilment> fulfilment(int year, String by) {
        return Sql.rows(FULFILMENT.formatted(FULFILMENT_GROUPS.get(by)), year).map(rows -> new Fulfilment(year, by, rows.stream()
                .map(r -> new Fulfilment.Group(r[0] == null ? "unknown" : (String) r[0], number(r[1]), number(r[2]), number(r[3]),
                        number(r[4]), number(r[5]), number(r[1]) == 0 ? 0 : Math.round(number(r[3]) * 1000.0 / number(r[1])) / 1000.0,
                        number(r[6]), number(r[7])))
                .toList()));
    }

    private static SponsorshipTracking.Coverage coverage(String department, long active, long withPledge) {
        return new SponsorshipTracking.Coverage(department, active, withPledge,
                active == 0 ? 0 : Math.round(withPledge * 1000.0 / active) / 1000.0);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}

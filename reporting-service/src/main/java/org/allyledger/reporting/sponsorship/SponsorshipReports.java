package org.allyledger.reporting.sponsorship;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.reporting.commitments.Fulfilment;
import org.allyledger.api.Problem;
import org.allyledger.api.ProblemException;
import org.allyledger.inbox.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Commitment fulfilment and yearly sponsorship, computed from the read model when asked. */
@ApplicationScoped
public class SponsorshipReports {
    /** A page of a year's initiatives by name, from the index on (year, name, initiative_id): ?3 is the page's size + 1. */
    private static final String INITIATIVES = """
            select initiative_id, name, erg, sponsor_capacity, open, sponsors, fulfilled_sponsors
            from initiatives where year = ?1 order by name, initiative_id limit ?2""";
    /** The page after the initiative ?2 of the year, in the same order. */
    private static final String INITIATIVES_AFTER = """
            select i.initiative_id, i.name, i.erg, i.sponsor_capacity, i.open, i.sponsors, i.fulfilled_sponsors
            from initiatives a join initiatives i on i.year = a.year and (i.name, i.initiative_id) > (a.name, a.initiative_id)
            where a.year = ?1 and a.initiative_id = ?2
            order by i.name, i.initiative_id limit ?3""";
    private static final String INITIATIVE_OF_YEAR = "select 1 from initiatives where year = ?1 and initiative_id = ?2";
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

    /** The year's coverage with the first {@code limit} of its initiatives. */
    public Uni<SponsorshipTracking> tracking(int year, int limit) {
        return Sql.together(List.of(new Sql.Query(INITIATIVES, year, limit + 1), new Sql.Query(COVERAGE, year))).map(parts -> {
            SponsorshipInitiatives page = page(year, parts.get(0), limit);
            List<Object[]> coverage = parts.get(1);
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
            return new SponsorshipTracking(year, page.initiatives(), page.next(), overall, departments);
        });
    }

    /**
     * A page of the year's initiatives by name, after the initiative {@code after} (null: from the first).
     *
     * @throws ProblemException (in the Uni) where {@code after} is not an initiative of the year
     */
    public Uni<SponsorshipInitiatives> initiatives(int year, String after, int limit) {
        if (after == null) {
            return Sql.rows(INITIATIVES, year, limit + 1).map(found -> page(year, found, limit));
        }
        return Sql.rows(INITIATIVES_AFTER, year, after, limit + 1)
                .call(found -> found.isEmpty() ? initiativeOfYear(year, after) : Uni.createFrom().voidItem())
                .map(found -> page(year, found, limit));
    }

    /** Nothing after a cursor is the last page only when the cursor names an initiative of the year; else a 400. */
    private static Uni<Void> initiativeOfYear(int year, String cursor) {
        return Sql.rows(INITIATIVE_OF_YEAR, year, cursor).invoke(initiative -> {
            if (initiative.isEmpty()) {
                throw new ProblemException(Problem.invalid("The cursor names no initiative of " + year + ".",
                        List.of(new Problem.FieldError("cursor", "must be a cursor this API returned as next"))));
            }
        }).replaceWithVoid();
    }

    /** At most {@code limit} of the rows found (asked for one more), and the last one's id as next where there were more. */
    private static SponsorshipInitiatives page(int year, List<Object[]> found, int limit) {
        List<SponsorshipTracking.InitiativeLine> lines = found.stream().limit(limit).map(r -> new SponsorshipTracking.InitiativeLine(
                (String) r[0], (String) r[1], (String) r[2], r[3] == null ? null : ((Number) r[3]).intValue(), (Boolean) r[4],
                number(r[5]), number(r[6]))).toList();
        String next = found.size() > limit ? lines.get(limit - 1).initiativeId() : null;
        return new SponsorshipInitiatives(year, lines, next);
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

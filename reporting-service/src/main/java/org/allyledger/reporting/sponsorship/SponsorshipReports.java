package org.allyledger.reporting.sponsorship;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.reporting.commitments.Fulfilment;
import org.allyledger.inbox.Sql;
import org.allyledger.reporting.people.Attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Commitment fulfilment and yearly sponsorship, computed from the read model when asked. */
@ApplicationScoped
public class SponsorshipReports {
    private static final String INITIATIVES = """
            select i.initiative_id, i.name, i.erg, i.sponsor_capacity, i.open,
                   count(p.ally_id) filter (where p.status <> 'WITHDRAWN'), count(p.ally_id) filter (where p.status = 'FULFILLED')
            from initiatives i left join pledges p on p.initiative_id = i.initiative_id
            where i.year = ?1 group by i.initiative_id, i.name, i.erg, i.sponsor_capacity, i.open order by i.name, i.initiative_id""";
    private static final String COVERAGE = """
            with pledgers as (select distinct ally_id from pledges where year = ?1 and status <> 'WITHDRAWN')
            select grouping(pe.department), pe.department, count(*), count(pl.ally_id)
            from people pe left join pledgers pl on pl.ally_id = pe.employee_id
            where pe.active
            group by grouping sets ((pe.department), ())""";
    private static final String UNPLEDGED = """
            select pe.employee_id, pe.department, pe.location, pe.work_model from people pe
            where pe.active and pe.employee_id > ?2
              and not exists (select 1 from pledges p where p.ally_id = pe.employee_id and p.year = ?1 and p.status <> 'WITHDRAWN')
            order by pe.employee_id limit ?3""";
    /** %s is a grouping from {@link #FULFILMENT_GROUPS}: the expression, then what it joins; never input. */
    private static final String FULFILMENT = """
            select %s as grp, count(*),
                   count(*) filter (where c.status = 'ACTIVE'), count(*) filter (where c.status = 'FULFILLED'),
                   count(*) filter (where c.status = 'WITHDRAWN'), count(*) filter (where c.status = 'LAPSED'),
                   coalesce(sum(c.actions_logged), 0),
                   count(*) filter (where c.renewed_as is not null)
            from commitments c %s
            where extract(year from c.starts_on) = ?1
            group by 1 order by 1""";
    public static final Map<String, List<String>> FULFILMENT_GROUPS = Map.of(
            "category", List.of("c.category", ""),
            "department", List.of("a.department", "left join person_history a on "
                    + Attribution.at("a", "c.ally_id", "c.made_at")));

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
        List<String> grouping = FULFILMENT_GROUPS.get(by);
        return Sql.rows(FULFILMENT.formatted(grouping.get(0), grouping.get(1)), year).map(rows -> new Fulfilment(year, by, rows.stream()
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

package org.allyledger.reporting.recognition;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.api.config.RecognitionConfig;
import org.allyledger.inbox.Sql;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Ally of the Month standings and winners, and recognition equity, computed from the read model when asked. */
@ApplicationScoped
public class RecognitionReports {
    /** A page of the month's standings, read in rank order off the standings the recognition projection keeps. */
    private static final String STANDINGS = """
            select nominee_id, nominations, endorsements, departments, categories, first_nominated_at, score from standings
            where award_month = ?1
            order by score desc, departments desc, first_nominated_at, nominee_id collate "C"
            limit ?2 offset ?3""";
    private static final String STANDING_AWARDS = "select award_month, winner_id, status from awards";
    /**
     * %s is the dimension's column, chosen from a fixed set, never from input. Reads the tallies: active people per
     * group, and submitted nominations and standing awards per month and group where the person stood at the time.
     */
    private static final String EQUITY = """
            with heads as (select %1$s as grp, sum(people) as headcount from headcount_tally where people > 0 group by 1),
            received as (select %1$s as grp, sum(nominations) as nominations, sum(awards) as awards
                         from recognition_tally where award_month like ?1 group by 1
                         having sum(nominations) > 0 or sum(awards) > 0)
            select coalesce(h.grp, r.grp) as grp, coalesce(h.headcount, 0), coalesce(r.nominations, 0), coalesce(r.awards, 0)
            from heads h full join received r on r.grp = h.grp
            order by 1""";
    public static final Map<String, String> DIMENSIONS = Map.of("department", "department", "location", "location",
            "workModel", "work_model");

    private final int windowMonths;

    public RecognitionReports(RecognitionConfig recognition) {
        this.windowMonths = recognition.awardWindowMonths();
    }

    /** The entries ranked after {@code after}, at most {@code limit} of them. */
    public Uni<Standings> standings(YearMonth month, int after, int limit) {
        return Sql.together(List.of(new Sql.Query(STANDINGS, month.toString(), limit + 1, after), new Sql.Query(STANDING_AWARDS))).map(parts -> {
            List<Object[]> rows = parts.get(0);
            List<Object[]> awards = parts.get(1);
            String status = "OPEN";
            String winner = null;
            Map<String, List<YearMonth>> standingWins = new LinkedHashMap<>();
            for (Object[] award : awards) {
                YearMonth awarded = YearMonth.parse((String) award[0]);
                if (awarded.equals(month)) {
                    status = (String) award[2];
                    winner = "AWARDED".equals(status) ? (String) award[1] : null;
                }
                if ("AWARDED".equals(award[2])) {
                    standingWins.computeIfAbsent((String) award[1], k -> new ArrayList<>()).add(awarded);
                }
            }
            List<Standings.Entry> entries = new ArrayList<>();
            for (Object[] r : rows.subList(0, Math.min(limit, rows.size()))) {
                String nominee = (String) r[0];
                String reason = ineligibility(standingWins.getOrDefault(nominee, List.of()), month);
                entries.add(new Standings.Entry(after + entries.size() + 1, nominee, number(r[6]), number(r[1]), number(r[2]), number(r[3]),
                        List.copyOf(new TreeSet<>(Arrays.asList(((String) r[4]).split(",")))), toTime(r[5]), reason == null, reason,
                        nominee.equals(winner)));
            }
            Integer next = rows.size() > limit ? after + limit : null;
            return new Standings(month.toString(), status, winner, Standings.SCORING, entries, next);
        });
    }

    public Uni<Winners> winners(int year) {
        return Sql.rows("select award_month, winner_id, status from awards where award_month like ?1 order by award_month", year + "-%")
                .map(rows -> new Winners(year, rows.stream().map(r -> new Winners.Award((String) r[0], (String) r[1], (String) r[2])).toList()));
    }

    public Uni<Equity> equity(int year, String by) {
        return Sql.rows(EQUITY.formatted(DIMENSIONS.get(by)), year + "-%").map(rows -> new Equity(year, by, Equity.MINIMUM_GROUP,
                rows.stream().map(r -> Equity.Group.of((String) r[0], number(r[1]), number(r[2]), number(r[3]))).toList()));
    }

    /** A standing award of another month within the window makes a nominee ineligible. */
    private String ineligibility(List<YearMonth> wins, YearMonth month) {
        for (YearMonth won : wins) {
            if (!won.equals(month) && Math.abs(ChronoUnit.MONTHS.between(won, month)) < windowMonths) {
                return "won Ally of the Month in " + won;
            }
        }
        return null;
    }

    private static int number(Object value) {
        return ((Number) value).intValue();
    }

    private static OffsetDateTime toTime(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
}

package org.allyledger.reporting.recognition;

import org.allyledger.reporting.infra.CsvExportable;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A page of a month's Ally of the Month standings, in rank order. Anonymous nominators never appear: a nominee's row
 * counts nominations, endorsements and the distinct departments nominations came from. {@code next} is the rank to
 * ask for the following page with ({@code after}), null on the last page.
 */
public record Standings(String month, String awardStatus, String winnerId, String scoring, List<Entry> standings, Integer next)
        implements CsvExportable {

    public static final String SCORING = "3 points per counting nomination (not withdrawn or rejected), 1 per endorsement of one;"
            + " ties go to more distinct nominator departments (as they were when nominating), then the earliest first nomination,"
            + " then the nominee id";

    public record Entry(int rank, String nomineeId, int score, int nominations, int endorsements, int nominatorDepartments,
                        List<String> categories, OffsetDateTime firstNominatedAt, boolean eligible, String ineligibleReason,
                        boolean winner) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("month", "rank", "nomineeId", "score", "nominations", "endorsements", "nominatorDepartments",
                "categories", "firstNominatedAt", "eligible", "ineligibleReason", "winner");
    }

    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        for (Entry e : standings) {
            rows.add(java.util.Arrays.asList(month, e.rank(), e.nomineeId(), e.score(), e.nominations(), e.endorsements(),
                    e.nominatorDepartments(), String.join(";", e.categories()), e.firstNominatedAt(), e.eligible(),
                    e.ineligibleReason(), e.winner()));
        }
        return rows;
    }
}

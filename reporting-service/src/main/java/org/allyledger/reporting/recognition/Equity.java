package org.allyledger.reporting.recognition;

import org.allyledger.reporting.infra.CsvExportable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recognition equity for a year by one dimension: counting nominations and awards received per head. A group of
 * fewer than {@value #MINIMUM_GROUP} people is suppressed (no figures), so no individual can be singled out.
 */
public record Equity(int year, String by, int minimumGroupSize, List<Group> groups) implements CsvExportable {
    public static final int MINIMUM_GROUP = 5;

    /** Figures are null when {@code suppressed}. */
    public record Group(String name, boolean suppressed, Long headcount, Long nominations, Long awards,
                        Double nominationsPerHead, Double awardsPerHead) {

        static Group of(String name, long headcount, long nominations, long awards) {
            if (headcount < MINIMUM_GROUP) {
                return new Group(name, true, null, null, null, null, null);
            }
            return new Group(name, false, headcount, nominations, awards, round(nominations / (double) headcount),
                    round(awards / (double) headcount));
        }

        private static double round(double value) {
            return Math.round(value * 1000) / 1000.0;
        }
    }

    @Override
    public List<String> csvHeader() {
        return List.of("year", "by", "group", "suppressed", "headcount", "nominations", "awards", "nominationsPerHead", "awardsPerHead");
    }

    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        for (Group g : groups) {
            rows.add(Arrays.asList(year, by, g.name(), g.suppressed(), g.headcount(), g.nominations(), g.awards(),
                    g.nominationsPerHead(), g.awardsPerHead()));
        }
        return rows;
    }
}

package org.allyledger.reporting.commitments;

import org.allyledger.reporting.infra.CsvExportable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Commitment fulfilment for the commitments starting in a year, by category or by the ally's department when the
 * commitment was made. {@code fulfilmentRate} = fulfilled ÷ made; {@code renewed} counts those renewed into a new commitment
 * (whatever their status), and a renewal counts as made in the year it starts.
 */
public record Fulfilment(int year, String by, List<Group> groups) implements CsvExportable {

    public record Group(String name, long made, long active, long fulfilled, long withdrawn, long lapsed, double fulfilmentRate,
                        long actionsLogged, long renewed) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("year", "by", "group", "made", "active", "fulfilled", "withdrawn", "lapsed", "fulfilmentRate", "actionsLogged", "renewed");
    }

    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        for (Group g : groups) {
            rows.add(Arrays.asList(year, by, g.name(), g.made(), g.active(), g.fulfilled(), g.withdrawn(), g.lapsed(),
                    g.fulfilmentRate(), g.actionsLogged(), g.renewed()));
        }
        return rows;
    }
}

package org.allyledger.reporting.recognition;

import org.allyledger.reporting.infra.CsvExportable;

import java.util.ArrayList;
import java.util.List;

/** The Ally of the Month awards of a year, revoked ones marked. */
public record Winners(int year, List<Award> awards) implements CsvExportable {

    public record Award(String month, String winnerId, String status) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("year", "month", "winnerId", "status");
    }

    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        for (Award a : awards) {
            rows.add(List.of(year, a.month(), a.winnerId(), a.status()));
        }
        return rows;
    }
}

package org.allyledger.reporting.sponsorship;

import org.allyledger.reporting.infra.CsvExportable;

import java.util.List;

/**
 * A page of a year's initiatives by name, continuing the sponsorship report's; {@code next} continues it. Its CSV has the
 * report's columns, so that the pages of an export append to it.
 */
public record SponsorshipInitiatives(int year, List<SponsorshipTracking.InitiativeLine> initiatives, String next) implements CsvExportable {

    @Override
    public List<String> csvHeader() {
        return SponsorshipTracking.HEADER;
    }

    @Override
    public List<List<Object>> csvRows() {
        return initiatives.stream().map(line -> SponsorshipTracking.initiativeRow(year, line)).toList();
    }
}

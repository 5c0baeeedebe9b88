package org.allyledger.reporting.profile;

import org.allyledger.reporting.infra.CsvExportable;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One ally's record across the program. A commitment names the one it renews and its renewal; {@code commitmentsRenewed}
 * counts the ally's commitments renewed into a new one (in CSV, a {@code commitmentRenewed} row per renewal). Nominations given list only the non-anonymous ones: an anonymous
 * nominator stays anonymous in every report.
 */
public record AllyProfile(String employeeId, String department, String location, String workModel, boolean active,
                          List<Commitment> commitments, long actionsLogged, long commitmentsRenewed, List<Sponsorship> sponsorships,
                          List<Nomination> nominationsReceived, List<Nomination> nominationsGiven, long endorsementsGiven,
                          List<String> awards) implements CsvExportable {

    public record Commitment(String commitmentId, String category, LocalDate startsOn, LocalDate endsOn, int target,
                             String status, long actionsLogged, String renewedFrom, String renewedAs) {
    }

    public record Sponsorship(String initiativeId, String initiative, int year, String status) {
    }

    /** {@code otherParty} is the nominee for nominations given, and never the nominator for nominations received. */
    public record Nomination(String nominationId, String awardMonth, String otherParty, String status, long endorsements) {
    }

    /** As CSV, one row per item of the profile, each with the ally's attributes and the section it belongs to. */
    @Override
    public List<String> csvHeader() {
        return List.of("employeeId", "department", "location", "workModel", "active", "section", "itemId", "period", "detail", "status", "count");
    }

    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        commitments.forEach(c -> rows.add(row("commitment", c.commitmentId(), c.startsOn() + "/" + c.endsOn(), c.category(), c.status(),
                c.actionsLogged())));
        // a renewal is a row of its own (detail: the new commitment), so a profile without renewals reads as before
        commitments.stream().filter(c -> c.renewedAs() != null)
                .forEach(c -> rows.add(row("commitmentRenewed", c.commitmentId(), null, c.renewedAs(), null, null)));
        sponsorships.forEach(s -> rows.add(row("sponsorship", s.initiativeId(), s.year(), s.initiative(), s.status(), null)));
        nominationsReceived.forEach(n -> rows.add(row("nominationReceived", n.nominationId(), n.awardMonth(), null, n.status(), n.endorsements())));
        nominationsGiven.forEach(n -> rows.add(row("nominationGiven", n.nominationId(), n.awardMonth(), n.otherParty(), n.status(), n.endorsements())));
        rows.add(row("endorsementsGiven", null, null, null, null, endorsementsGiven));
        awards.forEach(month -> rows.add(row("award", null, month, null, "AWARDED", null)));
        return rows;
    }

    private List<Object> row(String section, String itemId, Object period, String detail, String status, Long count) {
        return Arrays.asList(employeeId, department, location, workModel, active, section, itemId, period, detail, status, count);
    }
}

package org.allyledger.reporting.profile;

import java.time.LocalDate;
import java.util.List;

/**
 * One ally's record across the program. Nominations given list only the non-anonymous ones: an anonymous
 * nominator stays anonymous in every report.
 */
public record AllyProfile(String employeeId, String department, String location, String workModel, boolean active,
                          List<Commitment> commitments, long actionsLogged, List<Sponsorship> sponsorships,
                          List<Nomination> nominationsReceived, List<Nomination> nominationsGiven, long endorsementsGiven,
                          List<String> awards) {

    public record Commitment(String commitmentId, String category, LocalDate startsOn, LocalDate endsOn, int target,
                             String status, long actionsLogged) {
    }

    public record Sponsorship(String initiativeId, String initiative, int year, String status) {
    }

    /** {@code otherParty} is the nominee for nominations given, and never the nominator for nominations received. */
    public record Nomination(String nominationId, String awardMonth, String otherParty, String status, long endorsements) {
    }
}

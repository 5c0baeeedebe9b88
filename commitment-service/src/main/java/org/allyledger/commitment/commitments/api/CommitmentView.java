package org.allyledger.commitment.commitments.api;

import org.allyledger.contracts.AllyshipCategory;
import org.allyledger.commitment.commitments.domain.Commitment;
import org.allyledger.commitment.commitments.domain.CommitmentStatus;
import org.allyledger.commitment.commitments.domain.Visibility;
import org.allyledger.writeapi.privacy.PersonalText;

import java.time.LocalDate;

/**
 * A commitment as the API shows it, with the version to send back in {@code If-Match}. The statement is stored sealed
 * under the ally's data key and opened here; it is null once the ally's personal data is erased.
 */
public record CommitmentView(String id, String allyId, AllyshipCategory category, String statement, LocalDate startsOn,
                             LocalDate endsOn, int targetActions, int actionsLogged, Visibility visibility,
                             CommitmentStatus status, String renewedFrom, String renewedAs, long version) {

    static CommitmentView of(Commitment c, long version, PersonalText text) {
        return new CommitmentView(c.id(), c.allyId(), c.category(), text.open(c.statement()), c.startsOn(), c.endsOn(),
                c.targetActions(), c.actionsLogged(), c.visibility(), c.status(), c.renewedFrom(), c.renewedAs(), version);
    }

    /** The answer to logging an action: the action's id (the first one's, for a resent HR action) and the commitment after it. */
    public record ActionLogged(String actionId, boolean duplicate, CommitmentView commitment) {
    }

    /** A page of commitments; {@code next} is the cursor of the following page, absent on the last one. */
    public record Page(java.util.List<CommitmentView> items, String next) {
    }
}

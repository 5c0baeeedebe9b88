package org.allyledger.recognition.nominations.api;

import org.allyledger.recognition.nominations.domain.Nomination;
import org.allyledger.recognition.nominations.domain.NominationStatus;
import org.allyledger.contracts.AllyshipCategory;
import org.allyledger.writeapi.privacy.PersonalText;

import java.util.List;

/** A nomination as the API shows it; {@code nominatorId} is null for an anonymous one unless the caller may know. */
public record NominationView(String id, String nominatorId, String nomineeId, String awardMonth, List<AllyshipCategory> categories,
                             String citation, boolean anonymous, List<String> linkedActionIds, NominationStatus status,
                             List<String> endorsers, long version) {

    /** The citation is sealed under the nominator's key inside the nominee's. */
    static NominationView of(Nomination n, long version, boolean mayKnowNominator, PersonalText nominatorText, PersonalText nomineeText) {
        return new NominationView(n.id(), n.anonymous() && !mayKnowNominator ? null : n.nominatorId(), n.nomineeId(),
                n.awardMonth().toString(), n.categories(), nominatorText.openWith(nomineeText, n.citation()), n.anonymous(), n.linkedActionIds(), n.status(),
                List.copyOf(n.endorsers()), version);
    }

    public record Page(List<NominationView> items, String next) {
    }
}

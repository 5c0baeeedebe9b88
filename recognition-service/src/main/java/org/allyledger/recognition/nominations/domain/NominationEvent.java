package org.allyledger.recognition.nominations.domain;

import org.allyledger.contracts.AllyshipCategory;
import org.allyledger.eventstore.EventType;

import java.util.List;

/** Events of a nomination's stream; published on the recognition topic, keyed by nomination id. */
public sealed interface NominationEvent {

    String nominationId();

    /**
     * A colleague nominated an ally for a month. For an anonymous nomination {@code nominatorId} is null and
     * {@code sealedNominator} carries the nominator's id encrypted for authorised consumers only.
     */
    @EventType("org.allyledger.recognition.NominationSubmitted.v1")
    record NominationSubmitted(String nominationId, String nomineeId, String awardMonth, List<AllyshipCategory> categories,
                               String citation, boolean anonymous, String nominatorId, String sealedNominator,
                               List<String> linkedActionIds) implements NominationEvent {
    }

    /** A colleague (neither nominator nor nominee) seconded the nomination. */
    @EventType("org.allyledger.recognition.NominationEndorsed.v1")
    record NominationEndorsed(String nominationId, String nomineeId, String awardMonth, String endorserId, String note)
            implements NominationEvent {
    }

    /** Its nominator withdrew it before the month was awarded; it counts for nothing. */
    @EventType("org.allyledger.recognition.NominationWithdrawn.v1")
    record NominationWithdrawn(String nominationId, String nomineeId, String awardMonth) implements NominationEvent {
    }

    /** A program admin rejected it; it counts for nothing. */
    @EventType("org.allyledger.recognition.NominationRejected.v1")
    record NominationRejected(String nominationId, String nomineeId, String awardMonth, String reason) implements NominationEvent {
    }
}

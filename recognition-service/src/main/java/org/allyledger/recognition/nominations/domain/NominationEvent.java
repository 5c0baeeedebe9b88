package org.allyledger.recognition.nominations.domain;

import org.allyledger.contracts.published.RecognitionV1;

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
    @EventType(RecognitionV1.NominationSubmitted.TYPE)
    record NominationSubmitted(String nominationId, String nomineeId, String awardMonth, List<AllyshipCategory> categories,
                               String citation, boolean anonymous, String nominatorId, String sealedNominator,
                               List<String> linkedActionIds) implements NominationEvent {
    }

    /** A colleague (neither nominator nor nominee) seconded the nomination. */
    @EventType(RecognitionV1.NominationEndorsed.TYPE)
    record NominationEndorsed(String nominationId, String nomineeId, String awardMonth, String endorserId, String note)
            implements NominationEvent {
    }

    /** Its nominator withdrew it before the month was awarded; it counts for nothing. */
    @EventType(RecognitionV1.NominationWithdrawn.TYPE)
    record NominationWithdrawn(String nominationId, String nomineeId, String awardMonth) implements NominationEvent {
    }

    /** A program admin rejected it; it counts for nothing. */
    @EventType(RecognitionV1.NominationRejected.TYPE)
    record NominationRejected(String nominationId, String nomineeId, String awardMonth, String reason) implements NominationEvent {
    }
}

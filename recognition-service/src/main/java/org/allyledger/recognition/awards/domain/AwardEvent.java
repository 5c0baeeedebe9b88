package org.allyledger.recognition.awards.domain;

import org.allyledger.contracts.published.RecognitionV1;

import org.allyledger.eventstore.EventType;

/** Events of a month's award stream; published on the recognition topic, keyed by the month (award-YYYY-MM). */
public sealed interface AwardEvent {

    String awardMonth();

    /** A program admin awarded Ally of the Month; the month is closed to nominations from now on. */
    @EventType(RecognitionV1.AllyOfTheMonthAwarded.TYPE)
    record AllyOfTheMonthAwarded(String awardMonth, String winnerId, String note) implements AwardEvent {
    }

    /** The award was revoked; the month stays closed, and the revoked winner is eligible again. */
    @EventType(RecognitionV1.AwardRevoked.TYPE)
    record AwardRevoked(String awardMonth, String winnerId, String reason) implements AwardEvent {
    }
}

package org.allyledger.contracts.published;

import org.allyledger.contracts.Topics;

import java.util.List;

import static org.allyledger.contracts.published.PublishedEvent.required;

/**
 * {@value Topics#RECOGNITION}: nominations (keyed by nomination id) and Ally of the Month awards (keyed
 * {@code award-YYYY-MM}). An anonymous nominator is only in {@code sealedNominator}, sealed for authorised consumers.
 */
public sealed interface RecognitionV1 extends PublishedEvent {
    String PREFIX = "org.allyledger.recognition.";

    String awardMonth();

    record NominationSubmitted(String nominationId, String nomineeId, String awardMonth, List<String> categories, String citation,
                               boolean anonymous, String nominatorId, String sealedNominator, List<String> linkedActionIds)
            implements RecognitionV1 {
        public static final String TYPE = PREFIX + "NominationSubmitted.v1";

        public NominationSubmitted {
            required(nominationId, "nominationId");
            required(nomineeId, "nomineeId");
            required(awardMonth, "awardMonth");
            if (required(categories, "categories").isEmpty()) {
                throw new IllegalArgumentException("categories must name at least one category");
            }
            categories = List.copyOf(categories);
            linkedActionIds = linkedActionIds == null ? List.of() : List.copyOf(linkedActionIds);
        }

        @Override
        public String streamId() {
            return nominationId;
        }
    }

    record NominationEndorsed(String nominationId, String nomineeId, String awardMonth, String endorserId, String note)
            implements RecognitionV1 {
        public static final String TYPE = PREFIX + "NominationEndorsed.v1";

        public NominationEndorsed {
            required(nominationId, "nominationId");
            required(endorserId, "endorserId");
        }

        @Override
        public String streamId() {
            return nominationId;
        }
    }

    record NominationWithdrawn(String nominationId, String nomineeId, String awardMonth) implements RecognitionV1 {
        public static final String TYPE = PREFIX + "NominationWithdrawn.v1";

        public NominationWithdrawn {
            required(nominationId, "nominationId");
        }

        @Override
        public String streamId() {
            return nominationId;
        }
    }

    record NominationRejected(String nominationId, String nomineeId, String awardMonth, String reason) implements RecognitionV1 {
        public static final String TYPE = PREFIX + "NominationRejected.v1";

        public NominationRejected {
            required(nominationId, "nominationId");
        }

        @Override
        public String streamId() {
            return nominationId;
        }
    }

    record AllyOfTheMonthAwarded(String awardMonth, String winnerId, String note) implements RecognitionV1 {
        public static final String TYPE = PREFIX + "AllyOfTheMonthAwarded.v1";

        public AllyOfTheMonthAwarded {
            required(awardMonth, "awardMonth");
            required(winnerId, "winnerId");
        }

        @Override
        public String streamId() {
            return "award-" + awardMonth;
        }
    }

    record AwardRevoked(String awardMonth, String winnerId, String reason) implements RecognitionV1 {
        public static final String TYPE = PREFIX + "AwardRevoked.v1";

        public AwardRevoked {
            required(awardMonth, "awardMonth");
        }

        @Override
        public String streamId() {
            return "award-" + awardMonth;
        }
    }
}

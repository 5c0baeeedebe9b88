package org.allyledger.recognition.awards.domain;

import org.allyledger.contracts.published.RecognitionV1;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.allyledger.eventstore.StreamType;

import java.time.YearMonth;

/** The award streams, one per month ({@code award-YYYY-MM}), on the recognition topic. */
@Singleton
public class AwardsStream extends StreamType<MonthAward, AwardEvent> {
    public static final String NAME = "recognition";
    private static final String PREFIX = "award-";

    public AwardsStream(ObjectMapper json) {
        super(NAME, AwardEvent.class, new MonthAward(null, null, MonthAward.AwardStatus.OPEN), json);
    }

    public static String streamId(YearMonth month) {
        return PREFIX + month;
    }

    @Override
    public MonthAward apply(MonthAward state, AwardEvent event) {
        return state.apply(event);
    }

    /** The award's note and a revocation's reason are not published: they are personal text, sealed under the winner's key. */
    @Override
    public RecognitionV1 publish(AwardEvent event) {
        return switch (event) {
            case AwardEvent.AllyOfTheMonthAwarded e -> new RecognitionV1.AllyOfTheMonthAwarded(e.awardMonth(), e.winnerId(), null);
            case AwardEvent.AwardRevoked e -> new RecognitionV1.AwardRevoked(e.awardMonth(), e.winnerId(), null);
        };
    }
}

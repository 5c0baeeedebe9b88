package org.allyledger.recognition.awards.domain;

import org.allyledger.contracts.published.RecognitionV1;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.eventstore.EventCodec;
import org.allyledger.eventstore.StreamType;

import java.time.YearMonth;

/** The award streams, one per month ({@code award-YYYY-MM}), on the recognition topic. */
@ApplicationScoped
public class AwardsStream implements StreamType<MonthAward, AwardEvent> {
    public static final String NAME = "recognition";
    private static final String PREFIX = "award-";

    private final EventCodec<AwardEvent> codec;

    public AwardsStream(ObjectMapper json) {
        this.codec = EventCodec.of(AwardEvent.class, json);
    }

    public static String streamId(YearMonth month) {
        return PREFIX + month;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EventCodec<AwardEvent> codec() {
        return codec;
    }

    /** The month is not known before the first event; {@link MonthAward#open} gives the state of a given month. */
    @Override
    public MonthAward initialState() {
        return new MonthAward(null, null, MonthAward.AwardStatus.OPEN);
    }

    @Override
    public MonthAward apply(MonthAward state, AwardEvent event) {
        return state.apply(event);
    }

    @Override
    public RecognitionV1 publish(AwardEvent event) {
        return switch (event) {
            case AwardEvent.AllyOfTheMonthAwarded e -> new RecognitionV1.AllyOfTheMonthAwarded(e.awardMonth(), e.winnerId(), e.note());
            case AwardEvent.AwardRevoked e -> new RecognitionV1.AwardRevoked(e.awardMonth(), e.winnerId(), e.reason());
        };
    }
}

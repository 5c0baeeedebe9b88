package org.allyledger.recognition.nominations.domain;

import org.allyledger.contracts.published.RecognitionV1;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.allyledger.eventstore.StreamType;
import org.allyledger.contracts.NominatorSeal;

/** The nomination streams, one per nomination id, on the recognition topic. */
@Singleton
public class NominationsStream extends StreamType<Nomination, NominationEvent> {
    public static final String NAME = "recognition";

    private final NominatorSeal seal;

    public NominationsStream(ObjectMapper json, NominatorSeal seal) {
        super(NAME, NominationEvent.class, Nomination.NONE, json);
        this.seal = seal;
    }

    @Override
    public Nomination apply(Nomination state, NominationEvent event) {
        return state.apply(event, seal::open);
    }

    /**
     * An anonymous nominator is published only sealed. Citations, endorsement notes and reasons are never published (null):
     * they are stored sealed under the person's data key and read through the REST API, which erasure reaches.
     */
    @Override
    public RecognitionV1 publish(NominationEvent event) {
        return switch (event) {
            case NominationEvent.NominationSubmitted e -> new RecognitionV1.NominationSubmitted(e.nominationId(), e.nomineeId(), e.awardMonth(),
                    e.categories().stream().map(Enum::name).toList(), null, e.anonymous(), e.anonymous() ? null : e.nominatorId(),
                    e.anonymous() ? e.sealedNominator() : null, e.linkedActionIds());
            case NominationEvent.NominationEndorsed e -> new RecognitionV1.NominationEndorsed(e.nominationId(), e.nomineeId(), e.awardMonth(),
                    e.endorserId(), null);
            case NominationEvent.NominationWithdrawn e -> new RecognitionV1.NominationWithdrawn(e.nominationId(), e.nomineeId(), e.awardMonth());
            case NominationEvent.NominationRejected e -> new RecognitionV1.NominationRejected(e.nominationId(), e.nomineeId(), e.awardMonth(),
                    null);
        };
    }
}

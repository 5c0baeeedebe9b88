package org.allyledger.commitment.commitments.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.eventstore.EventCodec;
import org.allyledger.eventstore.StreamType;

/** The commitment streams: one per commitment id, published on the commitments topic. */
@ApplicationScoped
public class CommitmentsStream implements StreamType<Commitment, CommitmentEvent> {
    public static final String NAME = "commitments";

    private final EventCodec<CommitmentEvent> codec;

    public CommitmentsStream(ObjectMapper json) {
        this.codec = EventCodec.of(CommitmentEvent.class, json);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EventCodec<CommitmentEvent> codec() {
        return codec;
    }

    @Override
    public Commitment initialState() {
        return Commitment.NONE;
    }

    @Override
    public Commitment apply(Commitment state, CommitmentEvent event) {
        return state.apply(event);
    }
}

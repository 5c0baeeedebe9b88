package org.allyledger.recognition.nominations.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.eventstore.EventCodec;
import org.allyledger.eventstore.StreamType;
import org.allyledger.contracts.NominatorSeal;

/** The nomination streams, one per nomination id, on the recognition topic. */
@ApplicationScoped
public class NominationsStream implements StreamType<Nomination, NominationEvent> {
    public static final String NAME = "recognition";

    private final EventCodec<NominationEvent> codec;
    private final NominatorSeal seal;

    public NominationsStream(ObjectMapper json, NominatorSeal seal) {
        this.codec = EventCodec.of(NominationEvent.class, json);
        this.seal = seal;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EventCodec<NominationEvent> codec() {
        return codec;
    }

    @Override
    public Nomination initialState() {
        return Nomination.NONE;
    }

    @Override
    public Nomination apply(Nomination state, NominationEvent event) {
        return state.apply(event, seal::open);
    }
}

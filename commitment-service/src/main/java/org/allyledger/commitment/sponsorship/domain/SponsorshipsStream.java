package org.allyledger.commitment.sponsorship.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.eventstore.EventCodec;
import org.allyledger.eventstore.StreamType;

/** The initiative streams, pledges included: one per initiative id, published on the sponsorships topic. */
@ApplicationScoped
public class SponsorshipsStream implements StreamType<Initiative, InitiativeEvent> {
    public static final String NAME = "sponsorships";

    private final EventCodec<InitiativeEvent> codec;

    public SponsorshipsStream(ObjectMapper json) {
        this.codec = EventCodec.of(InitiativeEvent.class, json);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EventCodec<InitiativeEvent> codec() {
        return codec;
    }

    @Override
    public Initiative initialState() {
        return Initiative.NONE;
    }

    @Override
    public Initiative apply(Initiative state, InitiativeEvent event) {
        return state.apply(event);
    }
}

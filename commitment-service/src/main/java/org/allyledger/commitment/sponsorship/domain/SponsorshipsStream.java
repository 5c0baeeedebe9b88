package org.allyledger.commitment.sponsorship.domain;

import org.allyledger.contracts.published.SponsorshipsV1;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.allyledger.eventstore.StreamType;

/** The initiative streams, pledges included: one per initiative id, published on the sponsorships topic. */
@Singleton
public class SponsorshipsStream extends StreamType<Initiative, InitiativeEvent> {
    public static final String NAME = "sponsorships";

    public SponsorshipsStream(ObjectMapper json) {
        super(NAME, InitiativeEvent.class, Initiative.NONE, json);
    }

    @Override
    public Initiative apply(Initiative state, InitiativeEvent event) {
        return state.apply(event);
    }

    /** A pledge's outcome and withdrawal reason are the ally's text, sealed under their key, and never published (null). */
    @Override
    public SponsorshipsV1 publish(InitiativeEvent event) {
        return switch (event) {
            case InitiativeEvent.InitiativeLaunched e -> new SponsorshipsV1.InitiativeLaunched(e.initiativeId(), e.name(), e.erg(), e.year(),
                    e.description(), e.sponsorCapacity());
            case InitiativeEvent.InitiativeClosed e -> new SponsorshipsV1.InitiativeClosed(e.initiativeId(), e.year());
            case InitiativeEvent.SponsorshipPledged e -> new SponsorshipsV1.SponsorshipPledged(e.initiativeId(), e.allyId(), e.year());
            case InitiativeEvent.SponsorshipFulfilled e -> new SponsorshipsV1.SponsorshipFulfilled(e.initiativeId(), e.allyId(), e.year(),
                    null);
            case InitiativeEvent.SponsorshipWithdrawn e -> new SponsorshipsV1.SponsorshipWithdrawn(e.initiativeId(), e.allyId(), e.year(),
                    null);
        };
    }
}

package org.allyledger.commitment.sponsorship.domain;

import org.allyledger.contracts.published.SponsorshipsV1;

import org.allyledger.eventstore.EventType;

/**
 * Events of an initiative's stream, pledges included (one stream, so capacity and once-per-ally hold under
 * concurrency); published on the sponsorships topic, keyed by initiative id.
 */
public sealed interface InitiativeEvent {

    String initiativeId();

    /** A program admin launched an inclusion initiative run with an ERG for a year; capacity null means unlimited. */
    @EventType(SponsorshipsV1.InitiativeLaunched.TYPE)
    record InitiativeLaunched(String initiativeId, String name, String erg, int year, String description,
                              Integer sponsorCapacity) implements InitiativeEvent {
    }

    /** No more pledges are taken; existing ones can still be fulfilled or withdrawn. */
    @EventType(SponsorshipsV1.InitiativeClosed.TYPE)
    record InitiativeClosed(String initiativeId, int year) implements InitiativeEvent {
    }

    /** An ally pledged to sponsor the initiative in its year. */
    @EventType(SponsorshipsV1.SponsorshipPledged.TYPE)
    record SponsorshipPledged(String initiativeId, String allyId, int year) implements InitiativeEvent {
    }

    @EventType(SponsorshipsV1.SponsorshipFulfilled.TYPE)
    record SponsorshipFulfilled(String initiativeId, String allyId, int year, String outcome) implements InitiativeEvent {
    }

    @EventType(SponsorshipsV1.SponsorshipWithdrawn.TYPE)
    record SponsorshipWithdrawn(String initiativeId, String allyId, int year, String reason) implements InitiativeEvent {
    }
}

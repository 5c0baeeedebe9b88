package org.allyledger.commitment.sponsorship.domain;

import org.allyledger.eventstore.EventType;

/**
 * Events of an initiative's stream, pledges included (one stream, so capacity and once-per-ally hold under
 * concurrency); published on the sponsorships topic, keyed by initiative id.
 */
public sealed interface InitiativeEvent {

    String initiativeId();

    /** A program admin launched an inclusion initiative run with an ERG for a year; capacity null means unlimited. */
    @EventType("org.allyledger.sponsorships.InitiativeLaunched.v1")
    record InitiativeLaunched(String initiativeId, String name, String erg, int year, String description,
                              Integer sponsorCapacity) implements InitiativeEvent {
    }

    /** No more pledges are taken; existing ones can still be fulfilled or withdrawn. */
    @EventType("org.allyledger.sponsorships.InitiativeClosed.v1")
    record InitiativeClosed(String initiativeId, int year) implements InitiativeEvent {
    }

    /** An ally pledged to sponsor the initiative in its year. */
    @EventType("org.allyledger.sponsorships.SponsorshipPledged.v1")
    record SponsorshipPledged(String initiativeId, String allyId, int year) implements InitiativeEvent {
    }

    @EventType("org.allyledger.sponsorships.SponsorshipFulfilled.v1")
    record SponsorshipFulfilled(String initiativeId, String allyId, int year, String outcome) implements InitiativeEvent {
    }

    @EventType("org.allyledger.sponsorships.SponsorshipWithdrawn.v1")
    record SponsorshipWithdrawn(String initiativeId, String allyId, int year, String reason) implements InitiativeEvent {
    }
}

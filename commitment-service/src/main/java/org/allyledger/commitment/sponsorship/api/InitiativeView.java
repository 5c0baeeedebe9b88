package org.allyledger.commitment.sponsorship.api;

import org.allyledger.commitment.sponsorship.domain.Initiative;
import org.allyledger.commitment.sponsorship.domain.PledgeStatus;

import java.util.List;

/**
 * An initiative as the API shows it. The sponsor list is shown to HR systems and program admins; an employee
 * sees the number of places taken and their own pledge.
 */
public record InitiativeView(String id, String name, String erg, int year, String description, Integer sponsorCapacity,
                             boolean open, long placesTaken, List<Sponsor> sponsors, long version) {

    public record Sponsor(String allyId, PledgeStatus status) {
    }

    static InitiativeView of(Initiative i, long version, String onlyAlly) {
        List<Sponsor> sponsors = i.pledges().entrySet().stream()
                .filter(e -> onlyAlly == null || onlyAlly.equals(e.getKey()))
                .map(e -> new Sponsor(e.getKey(), e.getValue()))
                .toList();
        return new InitiativeView(i.id(), i.name(), i.erg(), i.year(), i.description(), i.sponsorCapacity(), i.open(),
                i.placesTaken(), sponsors, version);
    }

    public record Page(List<InitiativeView> items, String next) {
    }
}

package org.allyledger.commitment.sponsorship.domain;

import org.allyledger.commitment.sponsorship.domain.InitiativeEvent.InitiativeClosed;
import org.allyledger.commitment.sponsorship.domain.InitiativeEvent.InitiativeLaunched;
import org.allyledger.commitment.sponsorship.domain.InitiativeEvent.SponsorshipFulfilled;
import org.allyledger.commitment.sponsorship.domain.InitiativeEvent.SponsorshipPledged;
import org.allyledger.commitment.sponsorship.domain.InitiativeEvent.SponsorshipWithdrawn;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.allyledger.domain.Rejections.conflict;
import static org.allyledger.domain.Rejections.notFound;
import static org.allyledger.domain.Rejections.unprocessable;

/** An inclusion initiative and its sponsors' pledges, as folded from its stream. */
public record Initiative(String id, String name, String erg, int year, String description, Integer sponsorCapacity,
                         boolean open, Map<String, PledgeStatus> pledges) {

    public static final Initiative NONE = new Initiative(null, null, null, 0, null, null, false, Map.of());

    public boolean exists() {
        return id != null;
    }

    /** An initiative is launched for this year or the next, never for a year gone by. */
    public static List<InitiativeEvent> launch(String id, String name, String erg, int year, String description,
                                               Integer sponsorCapacity, LocalDate today) {
        if (year < today.getYear() || year > today.getYear() + 1) {
            throw unprocessable("year", "must be " + today.getYear() + " or " + (today.getYear() + 1));
        }
        if (sponsorCapacity != null && sponsorCapacity < 1) {
            throw unprocessable("sponsorCapacity", "must be at least 1 when given");
        }
        return List.of(new InitiativeLaunched(id, name, erg, year, description, sponsorCapacity));
    }

    /** Closing twice changes nothing. */
    public List<InitiativeEvent> close() {
        return open ? List.of(new InitiativeClosed(id, year)) : List.of();
    }

    public long placesTaken() {
        return pledges.values().stream().filter(PledgeStatus::holdsPlace).count();
    }

    /** One pledge per ally (again after a withdrawal), while the initiative is open, its year current and a place free. */
    public List<InitiativeEvent> pledge(String allyId, LocalDate today) {
        if (!open) {
            throw conflict("initiative-closed", "The initiative " + name + " is closed to new pledges.");
        }
        if (year < today.getYear()) {
            throw conflict("initiative-past", "The initiative ran in " + year + "; pledges are for the current year.");
        }
        PledgeStatus existing = pledges.get(allyId);
        if (existing != null && existing.holdsPlace()) {
            throw conflict("already-pledged", allyId + " already pledged to sponsor " + name + ".");
        }
        if (sponsorCapacity != null && placesTaken() >= sponsorCapacity) {
            throw conflict("initiative-full", "All " + sponsorCapacity + " sponsor places of " + name + " are taken.");
        }
        return List.of(new SponsorshipPledged(id, allyId, year));
    }

    public List<InitiativeEvent> fulfil(String allyId, String outcome) {
        requirePledged(allyId);
        return List.of(new SponsorshipFulfilled(id, allyId, year, outcome));
    }

    public List<InitiativeEvent> withdraw(String allyId, String reason) {
        requirePledged(allyId);
        return List.of(new SponsorshipWithdrawn(id, allyId, year, reason));
    }

    private void requirePledged(String allyId) {
        PledgeStatus status = pledges.get(allyId);
        if (status == null) {
            throw notFound("sponsorship of " + name + " by", allyId);
        }
        if (status != PledgeStatus.PLEDGED) {
            throw conflict("sponsorship-closed", "The sponsorship is " + status + "; it accepts no more changes.");
        }
    }

    /** A pure fold: the compiler checks that every event type of the stream has its branch. */
    public Initiative apply(InitiativeEvent event) {
        return switch (event) {
            case InitiativeLaunched(var initiativeId, var name, var erg, var year, var description, var sponsorCapacity) ->
                    new Initiative(initiativeId, name, erg, year, description, sponsorCapacity,
                    true, Map.of());
            case InitiativeClosed e -> new Initiative(id, name, erg, year, description, sponsorCapacity, false, pledges);
            case SponsorshipPledged e -> withPledge(e.allyId(), PledgeStatus.PLEDGED);
            case SponsorshipFulfilled e -> withPledge(e.allyId(), PledgeStatus.FULFILLED);
            case SponsorshipWithdrawn e -> withPledge(e.allyId(), PledgeStatus.WITHDRAWN);
        };
    }

    private Initiative withPledge(String allyId, PledgeStatus status) {
        Map<String, PledgeStatus> after = new LinkedHashMap<>(pledges);
        after.put(allyId, status);
        return new Initiative(id, name, erg, year, description, sponsorCapacity, open, java.util.Collections.unmodifiableMap(after));
    }
}

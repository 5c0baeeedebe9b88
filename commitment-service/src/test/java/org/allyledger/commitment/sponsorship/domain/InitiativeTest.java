package org.allyledger.commitment.sponsorship.domain;

import org.allyledger.api.Problem;
import org.allyledger.api.ProblemMappers;
import org.allyledger.domain.Rejection;
import org.allyledger.commitment.sponsorship.domain.InitiativeEvent.InitiativeClosed;
import org.allyledger.commitment.sponsorship.domain.InitiativeEvent.InitiativeLaunched;
import org.allyledger.commitment.sponsorship.domain.InitiativeEvent.SponsorshipFulfilled;
import org.allyledger.commitment.sponsorship.domain.InitiativeEvent.SponsorshipPledged;
import org.allyledger.commitment.sponsorship.domain.InitiativeEvent.SponsorshipWithdrawn;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every initiative and sponsorship rule of the brief, given–when–then. */
class InitiativeTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private static Initiative given(InitiativeEvent... events) {
        Initiative state = Initiative.NONE;
        for (InitiativeEvent event : events) {
            state = state.apply(event);
        }
        return state;
    }

    private static InitiativeLaunched launched(Integer capacity) {
        return new InitiativeLaunched("i1", "Panels", "Women in Tech", 2026, null, capacity);
    }

    private static Problem refused(Runnable command) {
        return ProblemMappers.problemOf(assertThrows(Rejection.class, command::run));
    }

    @Test
    void anInitiativeIsLaunchedForThisYearOrTheNext() {
        assertEquals(1, Initiative.launch("i1", "n", "e", 2027, null, null, TODAY).size());
        assertEquals("year", refused(() -> Initiative.launch("i1", "n", "e", 2025, null, null, TODAY)).errors().get(0).field());
        assertEquals("year", refused(() -> Initiative.launch("i1", "n", "e", 2028, null, null, TODAY)).errors().get(0).field());
    }

    @Test
    void anAllyPledgesToAnOpenInitiativeForItsYear() {
        assertEquals(List.of(new SponsorshipPledged("i1", "a1", 2026)), given(launched(null)).pledge("a1", TODAY));
    }

    @Test
    void anAllyPledgesOncePerInitiative() {
        Problem twice = refused(() -> given(launched(null), new SponsorshipPledged("i1", "a1", 2026)).pledge("a1", TODAY));
        assertEquals(409, twice.status());
        assertTrue(twice.type().endsWith("already-pledged"));
    }

    @Test
    void aFulfilledPledgeIsNotPledgedAgain() {
        assertEquals(409, refused(() -> given(launched(null), new SponsorshipPledged("i1", "a1", 2026),
                new SponsorshipFulfilled("i1", "a1", 2026, "done well")).pledge("a1", TODAY)).status());
    }

    @Test
    void anAllyMayPledgeAgainAfterWithdrawing() {
        assertEquals(1, given(launched(null), new SponsorshipPledged("i1", "a1", 2026),
                new SponsorshipWithdrawn("i1", "a1", 2026, "leave")).pledge("a1", TODAY).size());
    }

    @Test
    void theCapacityIsEnforcedAndAWithdrawalFreesAPlace() {
        Initiative full = given(launched(1), new SponsorshipPledged("i1", "a1", 2026));
        assertTrue(refused(() -> full.pledge("a2", TODAY)).type().endsWith("initiative-full"));
        Initiative freed = full.apply(new SponsorshipWithdrawn("i1", "a1", 2026, "leave"));
        assertEquals(1, freed.pledge("a2", TODAY).size());
    }

    @Test
    void aClosedInitiativeTakesNoPledgeButClosingTwiceChangesNothing() {
        Initiative closed = given(launched(null), new InitiativeClosed("i1", 2026));
        assertTrue(refused(() -> closed.pledge("a1", TODAY)).type().endsWith("initiative-closed"));
        assertTrue(closed.close().isEmpty());
    }

    @Test
    void anInitiativeOfAPastYearTakesNoPledge() {
        Initiative lastYear = given(new InitiativeLaunched("i1", "n", "e", 2025, null, null));
        assertTrue(refused(() -> lastYear.pledge("a1", TODAY)).type().endsWith("initiative-past"));
    }

    @Test
    void aPledgeIsFulfilledWithItsOutcomeOrWithdrawnOnce() {
        Initiative pledged = given(launched(null), new SponsorshipPledged("i1", "a1", 2026));
        assertEquals(List.of(new SponsorshipFulfilled("i1", "a1", 2026, "ran 3 panels")), pledged.fulfil("a1", "ran 3 panels"));
        Initiative fulfilled = pledged.apply(new SponsorshipFulfilled("i1", "a1", 2026, "ran 3 panels"));
        assertEquals(409, refused(() -> fulfilled.withdraw("a1", "late")).status());
        assertEquals(409, refused(() -> fulfilled.fulfil("a1", "again")).status());
    }

    @Test
    void fulfillingAPledgeNeverMadeIsA404() {
        assertEquals(404, refused(() -> given(launched(null)).fulfil("a9", "outcome")).status());
    }
}

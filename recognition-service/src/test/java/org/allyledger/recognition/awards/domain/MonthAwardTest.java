package org.allyledger.recognition.awards.domain;

import org.allyledger.api.Problem;
import org.allyledger.api.ProblemMappers;
import org.allyledger.domain.Rejection;
import org.allyledger.recognition.awards.domain.AwardEvent.AllyOfTheMonthAwarded;
import org.allyledger.recognition.awards.domain.AwardEvent.AwardRevoked;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The award cycle's rules, given–when–then. */
class MonthAwardTest {
    private static final YearMonth NOV = YearMonth.of(2026, 11);

    private static Problem refused(Runnable command) {
        return ProblemMappers.problemOf(assertThrows(Rejection.class, command::run));
    }

    @Test
    void aNomineeWithACountingNominationIsAwardedAndTheMonthCloses() {
        List<AwardEvent> events = MonthAward.open(NOV).award("bob", "well done", NOV, true, Optional.empty(), 12);
        assertEquals(List.of(new AllyOfTheMonthAwarded("2026-11", "bob", "well done")), events);
        assertTrue(MonthAward.open(NOV).apply(events.get(0)).closed());
    }

    @Test
    void aMonthIsAwardedOnceAndARevocationReopensNothing() {
        MonthAward awarded = MonthAward.open(NOV).apply(new AllyOfTheMonthAwarded("2026-11", "bob", null));
        assertEquals(409, refused(() -> awarded.award("carol", null, NOV, true, Optional.empty(), 12)).status());
        MonthAward revoked = awarded.apply(new AwardRevoked("2026-11", "bob", "mistake"));
        assertTrue(revoked.closed());
        assertEquals(409, refused(() -> revoked.award("carol", null, NOV, true, Optional.empty(), 12)).status());
        assertEquals(409, refused(() -> revoked.revoke("again")).status());
    }

    @Test
    void aWinnerWithinTheWindowIsRefusedWithAReason() {
        Problem refusal = refused(() -> MonthAward.open(NOV).award("bob", null, NOV, true, Optional.of(NOV.minusMonths(11)), 12));
        assertEquals("winnerId", refusal.errors().get(0).field());
        assertTrue(refusal.detail().contains("2025-12"));
        assertEquals(1, MonthAward.open(NOV).award("bob", null, NOV, true, Optional.of(NOV.minusMonths(12)), 12).size());
    }

    @Test
    void aNomineeWithoutACountingNominationOrAFutureMonthIsRefused() {
        assertEquals("winnerId", refused(() -> MonthAward.open(NOV).award("bob", null, NOV, false, Optional.empty(), 12)).errors().get(0).field());
        assertEquals("awardMonth", refused(() -> MonthAward.open(NOV.plusMonths(1)).award("bob", null, NOV, true, Optional.empty(), 12)).errors().get(0).field());
    }

    @Test
    void onlyAStandingAwardIsRevoked() {
        assertEquals(409, refused(() -> MonthAward.open(NOV).revoke("nothing")).status());
        assertEquals(List.of(new AwardRevoked("2026-11", "bob", "r")),
                MonthAward.open(NOV).apply(new AllyOfTheMonthAwarded("2026-11", "bob", null)).revoke("r"));
    }
}

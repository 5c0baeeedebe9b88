package org.allyledger.recognition.nominations.domain;

import org.allyledger.contracts.AllyshipCategory;
import org.allyledger.api.Problem;
import org.allyledger.api.ProblemMappers;
import org.allyledger.domain.Rejection;
import org.allyledger.recognition.nominations.domain.NominationEvent.NominationEndorsed;
import org.allyledger.recognition.nominations.domain.NominationEvent.NominationRejected;
import org.allyledger.recognition.nominations.domain.NominationEvent.NominationSubmitted;
import org.allyledger.recognition.nominations.domain.NominationEvent.NominationWithdrawn;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every nomination rule of the brief, given–when–then. */
class NominationTest {
    private static final YearMonth NOW = YearMonth.of(2026, 11);
    private static final UnaryOperator<String> SEAL = id -> "sealed(" + id + ")";
    private static final UnaryOperator<String> UNSEAL = sealed -> sealed.substring(7, sealed.length() - 1);
    private static final String CITATION = "Amplified quieter voices in every design review this month.";

    private static List<NominationEvent> submit(String nominator, String nominee, YearMonth month, boolean anonymous, boolean awarded,
                                                AllyshipCategory... categories) {
        return Nomination.submit("n1", nominator, nominee, month, List.of(categories), CITATION, anonymous, List.of(), new NominationWindow(NOW, 1), awarded, SEAL);
    }

    private static Nomination given(NominationEvent... events) {
        Nomination state = Nomination.NONE;
        for (NominationEvent event : events) {
            state = state.apply(event, UNSEAL);
        }
        return state;
    }

    private static NominationSubmitted submitted(boolean anonymous) {
        return (NominationSubmitted) submit("alice", "bob", NOW, anonymous, false, AllyshipCategory.AMPLIFYING_VOICES).get(0);
    }

    private static Problem refused(Runnable command) {
        return ProblemMappers.problemOf(assertThrows(Rejection.class, command::run));
    }

    @Test
    void aColleagueNominatesForTheCurrentMonth() {
        NominationSubmitted event = submitted(false);
        assertEquals("alice", event.nominatorId());
        assertEquals("2026-11", event.awardMonth());
        assertNull(event.sealedNominator());
    }

    @Test
    void anAnonymousNominationPublishesOnlyTheSealedNominatorAndTheStateKnowsThem() {
        NominationSubmitted event = submitted(true);
        assertNull(event.nominatorId());
        assertEquals("sealed(alice)", event.sealedNominator());
        assertEquals("alice", given(event).nominatorId());
    }

    @Test
    void nobodyNominatesThemselves() {
        assertEquals("nomineeId", refused(() -> submit("alice", "alice", NOW, false, false, AllyshipCategory.INCLUSIVE_LANGUAGE)).errors().get(0).field());
    }

    @Test
    void aFutureMonthTakesNoNominationButAPastOpenOneDoes() {
        assertEquals("awardMonth", refused(() -> submit("a", "b", NOW.plusMonths(1), false, false, AllyshipCategory.INCLUSIVE_LANGUAGE)).errors().get(0).field());
        assertEquals(1, submit("a", "b", NOW.minusMonths(1), false, false, AllyshipCategory.INCLUSIVE_LANGUAGE).size());
    }

    @Test
    void aMonthOlderThanTheWindowTakesNoNomination() {
        for (YearMonth old : List.of(NOW.minusMonths(2), YearMonth.of(1999, 1), YearMonth.of(1900, 1))) {
            Problem refusal = refused(() -> submit("a", "b", old, false, false, AllyshipCategory.INCLUSIVE_LANGUAGE));
            assertEquals(422, refusal.status());
            assertEquals("awardMonth", refusal.errors().get(0).field());
        }
    }

    @Test
    void anAwardedMonthTakesNoNomination() {
        assertEquals(409, refused(() -> submit("a", "b", NOW, false, true, AllyshipCategory.INCLUSIVE_LANGUAGE)).status());
    }

    @Test
    void oneToThreeDifferentCategories() {
        assertEquals(List.of(AllyshipCategory.AMPLIFYING_VOICES),
                ((NominationSubmitted) submit("a", "b", NOW, false, false, AllyshipCategory.AMPLIFYING_VOICES,
                        AllyshipCategory.AMPLIFYING_VOICES).get(0)).categories());
        assertEquals("categories", refused(() -> submit("a", "b", NOW, false, false)).errors().get(0).field());
        assertEquals("categories", refused(() -> submit("a", "b", NOW, false, false, AllyshipCategory.values())).errors().get(0).field());
    }

    @Test
    void aColleagueEndorsesOnceButNeverTheNominatorOrNominee() {
        Nomination nomination = given(submitted(true));
        assertEquals(List.of(new NominationEndorsed("n1", "bob", "2026-11", "carol", "yes")), nomination.endorse("carol", "yes", false));
        assertEquals("endorserId", refused(() -> nomination.endorse("alice", null, false)).errors().get(0).field());
        assertEquals("endorserId", refused(() -> nomination.endorse("bob", null, false)).errors().get(0).field());
        Nomination endorsed = nomination.apply(new NominationEndorsed("n1", "bob", "2026-11", "carol", null), UNSEAL);
        assertEquals(409, refused(() -> endorsed.endorse("carol", null, false)).status());
    }

    @Test
    void onlyTheNominatorWithdrawsAndOnlyBeforeTheAward() {
        Nomination nomination = given(submitted(false));
        assertEquals(List.of(new NominationWithdrawn("n1", "bob", "2026-11")), nomination.withdraw("alice", false));
        assertEquals(403, refused(() -> nomination.withdraw("carol", false)).status());
        assertEquals(409, refused(() -> nomination.withdraw("alice", true)).status());
    }

    @Test
    void rejectedAndWithdrawnNominationsAcceptNothingMore() {
        for (NominationEvent end : List.of(new NominationWithdrawn("n1", "bob", "2026-11"), new NominationRejected("n1", "bob", "2026-11", "r"))) {
            Nomination closed = given(submitted(false), end);
            assertEquals(409, refused(() -> closed.endorse("carol", null, false)).status());
            assertEquals(409, refused(() -> closed.reject("again")).status());
            assertEquals(409, refused(() -> closed.withdraw("alice", false)).status());
        }
    }
}

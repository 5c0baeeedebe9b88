package org.allyledger.commitment.commitments.domain;

import org.allyledger.contracts.AllyshipCategory;
import org.allyledger.api.Problem;
import org.allyledger.api.ProblemMappers;
import org.allyledger.domain.Rejection;
import org.allyledger.commitment.commitments.domain.CommitmentEvent.ActionLogged;
import org.allyledger.commitment.commitments.domain.CommitmentEvent.CommitmentAmended;
import org.allyledger.commitment.commitments.domain.CommitmentEvent.CommitmentFulfilled;
import org.allyledger.commitment.commitments.domain.CommitmentEvent.CommitmentLapsed;
import org.allyledger.commitment.commitments.domain.CommitmentEvent.CommitmentMade;
import org.allyledger.commitment.commitments.domain.CommitmentEvent.CommitmentRenewed;
import org.allyledger.commitment.commitments.domain.CommitmentEvent.CommitmentWithdrawn;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every commitment rule of the brief, given–when–then. */
class CommitmentTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final LocalDate START = LocalDate.of(2026, 7, 1);
    private static final LocalDate END = LocalDate.of(2026, 12, 31);

    private static Commitment given(CommitmentEvent... events) {
        Commitment state = Commitment.NONE;
        for (CommitmentEvent event : events) {
            state = state.apply(event);
        }
        return state;
    }

    private static CommitmentMade made(int target) {
        return new CommitmentMade("c1", "ally", AllyshipCategory.CONTINUOUS_LEARNING, "Learn", START, END, target, Visibility.PRIVATE, null);
    }

    private static ActionLogged action(String id, String externalRef) {
        return new ActionLogged("c1", "ally", id, ActionKind.READING, TODAY, null, null, ActionSource.SELF, externalRef);
    }

    private static int status(Runnable command) {
        return ProblemMappers.problemOf(assertThrows(Rejection.class, command::run)).status();
    }

    private static String field(Runnable command) {
        return ProblemMappers.problemOf(assertThrows(Rejection.class, command::run)).errors().get(0).field();
    }

    @Nested
    class Making {
        @Test
        void aValidCommitmentIsMadeActive() {
            List<CommitmentEvent> events = Commitment.make("c1", "ally", AllyshipCategory.CONTINUOUS_LEARNING, "Learn", START, END, 2,
                    Visibility.PRIVATE, null, TODAY);
            assertEquals(List.of(made(2)), events);
            Commitment made = given(events.toArray(CommitmentEvent[]::new));
            assertEquals(CommitmentStatus.ACTIVE, made.status());
            assertEquals(0, made.actionsLogged());
        }

        @Test
        void aPeriodEndingBeforeItStartsIsRefused() {
            assertEquals("endsOn", field(() -> Commitment.make("c1", "a", AllyshipCategory.INCLUSIVE_LANGUAGE, "s", END, START, 1,
                    Visibility.PRIVATE, null, TODAY)));
        }

        @Test
        void aPeriodOfMoreThanOneYearIsRefused() {
            assertEquals("endsOn", field(() -> Commitment.make("c1", "a", AllyshipCategory.INCLUSIVE_LANGUAGE, "s", TODAY,
                    TODAY.plusYears(1).plusDays(1), 1, Visibility.PRIVATE, null, TODAY)));
        }

        @Test
        void aPeriodOfExactlyOneYearIsAccepted() {
            assertEquals(1, Commitment.make("c1", "a", AllyshipCategory.INCLUSIVE_LANGUAGE, "s", TODAY, TODAY.plusYears(1), 1,
                    Visibility.PRIVATE, null, TODAY).size());
        }

        @Test
        void aPeriodAlreadyOverIsRefused() {
            assertEquals("endsOn", field(() -> Commitment.make("c1", "a", AllyshipCategory.INCLUSIVE_LANGUAGE, "s", START,
                    TODAY.minusDays(1), 1, Visibility.PRIVATE, null, TODAY)));
        }

        @Test
        void aTargetOutsideOneToAThousandIsRefused() {
            assertEquals("targetActions", field(() -> Commitment.make("c1", "a", AllyshipCategory.INCLUSIVE_LANGUAGE, "s", START, END, 0,
                    Visibility.PRIVATE, null, TODAY)));
            assertEquals("targetActions", field(() -> Commitment.make("c1", "a", AllyshipCategory.INCLUSIVE_LANGUAGE, "s", START, END, 1001,
                    Visibility.PRIVATE, null, TODAY)));
        }
    }

    @Nested
    class LoggingActions {
        @Test
        void anActionBelowTheTargetIsLogged() {
            List<CommitmentEvent> events = given(made(2)).logAction("a1", ActionKind.READING, TODAY, "n", null, ActionSource.SELF, null, TODAY);
            assertEquals(1, events.size());
            assertInstanceOf(ActionLogged.class, events.get(0));
        }

        @Test
        void theActionReachingTheTargetFulfilsTheCommitment() {
            List<CommitmentEvent> events = given(made(2), action("a1", null))
                    .logAction("a2", ActionKind.READING, TODAY, null, null, ActionSource.SELF, null, TODAY);
            assertEquals(new CommitmentFulfilled("c1", "ally", 2, 2), events.get(1));
            assertEquals(CommitmentStatus.FULFILLED, given(made(2), action("a1", null), events.get(0), events.get(1)).status());
        }

        @Test
        void anActionDatedInTheFutureIsRefused() {
            assertEquals("occurredOn", field(() -> given(made(2)).logAction("a", ActionKind.READING, TODAY.plusDays(1), null, null,
                    ActionSource.SELF, null, TODAY)));
        }

        @Test
        void anActionBeforeThePeriodIsRefused() {
            assertEquals("occurredOn", field(() -> given(made(2)).logAction("a", ActionKind.READING, START.minusDays(1), null, null,
                    ActionSource.SELF, null, TODAY)));
        }

        @Test
        void anActionOnThePeriodsFirstDayIsAccepted() {
            assertEquals(1, given(made(2)).logAction("a", ActionKind.READING, START, null, null, ActionSource.SELF, null, TODAY).size());
        }

        @Test
        void anHrSystemResendingTheSameExternalReferenceRecordsItOnce() {
            Commitment commitment = given(made(3), action("a1", "lms-1"));
            assertTrue(commitment.logAction("a2", ActionKind.TRAINING_COMPLETED, TODAY, null, null, ActionSource.HR_SYSTEM, "lms-1", TODAY).isEmpty());
            assertEquals("a1", commitment.actionsByExternalRef().get("lms-1"));
        }

        @Test
        void aResentExternalReferenceIsIgnoredEvenOnceTheCommitmentIsClosed() {
            Commitment fulfilled = given(made(1), action("a1", "lms-1"), new CommitmentFulfilled("c1", "ally", 1, 1));
            assertTrue(fulfilled.logAction("a2", ActionKind.TRAINING_COMPLETED, TODAY, null, null, ActionSource.HR_SYSTEM, "lms-1", TODAY).isEmpty());
        }
    }

    @Nested
    class Amending {
        @Test
        void anAmendmentCarriesTheNewValues() {
            List<CommitmentEvent> events = given(made(3)).amend("Learn more", 4, END.plusDays(10), "more time", TODAY);
            assertEquals(List.of(new CommitmentAmended("c1", "ally", "Learn more", 4, END.plusDays(10), "more time")), events);
        }

        @Test
        void anAmendmentChangingNothingRecordsNothing() {
            assertTrue(given(made(3)).amend(null, 3, END, null, TODAY).isEmpty());
        }

        @Test
        void loweringTheTargetToTheActionsLoggedFulfils() {
            List<CommitmentEvent> events = given(made(3), action("a1", null), action("a2", null)).amend(null, 2, null, null, TODAY);
            assertEquals(new CommitmentFulfilled("c1", "ally", 2, 2), events.get(1));
        }

        @Test
        void extendingBeyondOneYearFromTheStartIsRefused() {
            assertEquals("endsOn", field(() -> given(made(3)).amend(null, null, START.plusYears(1).plusDays(1), null, TODAY)));
        }
    }

    @Nested
    class Closing {
        @Test
        void anActiveCommitmentIsWithdrawnWithItsReason() {
            assertEquals(List.of(new CommitmentWithdrawn("c1", "ally", "moved")), given(made(2)).withdraw("moved"));
        }

        @Test
        void aCommitmentWhosePeriodEndedShortOfItsTargetLapses() {
            Commitment commitment = given(made(3), action("a1", null));
            assertEquals(List.of(new CommitmentLapsed("c1", "ally", 1, 3, END)), commitment.lapse(END.plusDays(1)));
        }

        @Test
        void aCommitmentIsNotLapsedOnItsLastDay() {
            assertTrue(given(made(3)).lapse(END).isEmpty());
        }

        @Test
        void lapsingTwiceRecordsItOnce() {
            Commitment lapsed = given(made(3), new CommitmentLapsed("c1", "ally", 0, 3, END));
            assertTrue(lapsed.lapse(END.plusDays(5)).isEmpty());
        }

        @Test
        void everyTerminalStateRefusesChangesWith409() {
            for (CommitmentEvent end : List.of(new CommitmentFulfilled("c1", "ally", 1, 1), new CommitmentWithdrawn("c1", "ally", "r"),
                    new CommitmentLapsed("c1", "ally", 0, 1, END))) {
                Commitment closed = given(made(1), end);
                assertEquals(409, status(() -> closed.logAction("a", ActionKind.READING, TODAY, null, null, ActionSource.SELF, null, TODAY)));
                assertEquals(409, status(() -> closed.amend("x", null, null, null, TODAY)));
                assertEquals(409, status(() -> closed.withdraw("again")));
            }
        }
    }

    @Nested
    class Renewing {
        @Test
        void aFulfilledCommitmentRenewsIntoANewOneLinkingBack() {
            Commitment fulfilled = given(made(1), action("a1", null), new CommitmentFulfilled("c1", "ally", 1, 1));
            Commitment.Renewal renewal = fulfilled.renew("c2", null, TODAY, TODAY.plusMonths(6), 2, TODAY);
            assertEquals(List.of(new CommitmentRenewed("c1", "ally", "c2")), renewal.renewed());
            CommitmentMade next = (CommitmentMade) renewal.made().get(0);
            assertEquals("c1", next.renewedFrom());
            assertEquals(AllyshipCategory.CONTINUOUS_LEARNING, next.category());
            assertEquals(2, next.targetActions());
        }

        @Test
        void anActiveOrWithdrawnCommitmentIsNotRenewable() {
            assertEquals(409, status(() -> given(made(1)).renew("c2", null, TODAY, END, null, TODAY)));
            assertEquals(409, status(() -> given(made(1), new CommitmentWithdrawn("c1", "ally", "r")).renew("c2", null, TODAY, END, null, TODAY)));
        }

        @Test
        void aCommitmentRenewsOnlyOnce() {
            Commitment renewed = given(made(1), new CommitmentLapsed("c1", "ally", 0, 1, END), new CommitmentRenewed("c1", "ally", "c2"));
            assertEquals(409, status(() -> renewed.renew("c3", null, TODAY, END, null, TODAY)));
        }
    }
}

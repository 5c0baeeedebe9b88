package org.allyledger.commitment.commitments.domain;

import org.allyledger.contracts.AllyshipCategory;
import org.allyledger.commitment.commitments.domain.CommitmentEvent.ActionLogged;
import org.allyledger.commitment.commitments.domain.CommitmentEvent.CommitmentAmended;
import org.allyledger.commitment.commitments.domain.CommitmentEvent.CommitmentFulfilled;
import org.allyledger.commitment.commitments.domain.CommitmentEvent.CommitmentLapsed;
import org.allyledger.commitment.commitments.domain.CommitmentEvent.CommitmentMade;
import org.allyledger.commitment.commitments.domain.CommitmentEvent.CommitmentRenewed;
import org.allyledger.commitment.commitments.domain.CommitmentEvent.CommitmentWithdrawn;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.allyledger.domain.Rejections.conflict;
import static org.allyledger.domain.Rejections.unprocessable;

/**
 * A commitment as folded from its stream. Commands check the rules against this state and return the events
 * to append (none when the command changes nothing); {@link #apply} folds an event in and never fails.
 */
public record Commitment(String id, String allyId, AllyshipCategory category, String statement, LocalDate startsOn,
                         LocalDate endsOn, int targetActions, Visibility visibility, CommitmentStatus status,
                         int actionsLogged, Map<String, String> actionsByExternalRef, String renewedFrom, String renewedAs) {

    public static final Commitment NONE = new Commitment(null, null, null, null, null, null, 0, null, null, 0, Map.of(), null, null);
    public static final int MAX_TARGET_ACTIONS = 1000;

    public boolean exists() {
        return id != null;
    }

    /** Rules of a new commitment: a period of at most one year that has not ended, a target of 1 to 1,000 actions. */
    public static List<CommitmentEvent> make(String id, String allyId, AllyshipCategory category, String statement, LocalDate startsOn,
                                             LocalDate endsOn, int targetActions, Visibility visibility, String renewedFrom,
                                             LocalDate today) {
        checkPeriod(startsOn, endsOn, today);
        checkTarget(targetActions);
        return List.of(new CommitmentMade(id, allyId, category, statement, startsOn, endsOn, targetActions, visibility, renewedFrom));
    }

    /**
     * Logs an action; fulfils the commitment when it reaches the target. An action an HR system already
     * recorded (same external reference) is recorded once, whatever the commitment's state now.
     */
    public List<CommitmentEvent> logAction(String actionId, ActionKind kind, LocalDate occurredOn, String note,
                                           String evidenceUrl, ActionSource source, String externalRef, LocalDate today) {
        if (externalRef != null && actionsByExternalRef.containsKey(externalRef)) {
            return List.of();
        }
        requireActive();
        if (occurredOn.isAfter(today)) {
            throw unprocessable("occurredOn", "must not be in the future");
        }
        if (occurredOn.isBefore(startsOn) || occurredOn.isAfter(endsOn)) {
            throw unprocessable("occurredOn", "must be within the commitment's period, " + startsOn + " to " + endsOn);
        }
        List<CommitmentEvent> events = new ArrayList<>();
        events.add(new ActionLogged(id, allyId, actionId, kind, occurredOn, note, evidenceUrl, source, externalRef));
        if (actionsLogged + 1 == targetActions) {
            events.add(new CommitmentFulfilled(id, allyId, actionsLogged + 1, targetActions));
        }
        return events;
    }

    /** Changes what is given of statement, target and end date; a target already reached fulfils the commitment. */
    public List<CommitmentEvent> amend(String newStatement, Integer newTarget, LocalDate newEndsOn, String reason, LocalDate today) {
        requireActive();
        String statementAfter = newStatement != null ? newStatement : statement;
        int targetAfter = newTarget != null ? newTarget : targetActions;
        LocalDate endsAfter = newEndsOn != null ? newEndsOn : endsOn;
        if (statementAfter.equals(statement) && targetAfter == targetActions && endsAfter.equals(endsOn)) {
            return List.of();
        }
        checkTarget(targetAfter);
        if (!endsAfter.equals(endsOn)) {
            checkPeriod(startsOn, endsAfter, today);
        }
        List<CommitmentEvent> events = new ArrayList<>();
        events.add(new CommitmentAmended(id, allyId, statementAfter, targetAfter, endsAfter, reason));
        if (actionsLogged >= targetAfter) {
            events.add(new CommitmentFulfilled(id, allyId, actionsLogged, targetAfter));
        }
        return events;
    }

    public List<CommitmentEvent> withdraw(String reason) {
        requireActive();
        return List.of(new CommitmentWithdrawn(id, allyId, reason));
    }

    /** Lapses an active commitment whose period has ended; anything else is left as it is, so a sweep may run twice. */
    public List<CommitmentEvent> lapse(LocalDate today) {
        if (status != CommitmentStatus.ACTIVE || !endsOn.isBefore(today)) {
            return List.of();
        }
        return List.of(new CommitmentLapsed(id, allyId, actionsLogged, targetActions, endsOn));
    }

    /** The events of both streams a renewal writes: this one's link forward, and the new commitment. */
    public record Renewal(List<CommitmentEvent> renewed, List<CommitmentEvent> made) {
    }

    /** A fulfilled or lapsed commitment continues once, into a new one with the same category, ally and visibility. */
    public Renewal renew(String newId, String newStatement, LocalDate newStartsOn, LocalDate newEndsOn, Integer newTarget, LocalDate today) {
        if (status != CommitmentStatus.FULFILLED && status != CommitmentStatus.LAPSED) {
            throw conflict("commitment-not-renewable", "Only a fulfilled or lapsed commitment can be renewed; this one is " + status + ".");
        }
        if (renewedAs != null) {
            throw conflict("commitment-already-renewed", "This commitment was already renewed as " + renewedAs + ".");
        }
        List<CommitmentEvent> made = make(newId, allyId, category, newStatement != null ? newStatement : statement,
                newStartsOn, newEndsOn, newTarget != null ? newTarget : targetActions, visibility, id, today);
        return new Renewal(List.of(new CommitmentRenewed(id, allyId, newId)), made);
    }

    /** A pure fold: the compiler checks that every event type of the stream has its branch. */
    public Commitment apply(CommitmentEvent event) {
        return switch (event) {
            case CommitmentMade(var commitmentId, var allyId, var category, var statement, var startsOn, var endsOn, var targetActions,
                                var visibility, var renewedFrom) ->
                    new Commitment(commitmentId, allyId, category, statement, startsOn, endsOn,
                    targetActions, visibility, CommitmentStatus.ACTIVE, 0, Map.of(), renewedFrom, null);
            case ActionLogged e -> new Commitment(id, allyId, category, statement, startsOn, endsOn, targetActions, visibility, status,
                    actionsLogged + 1, withExternalRef(e.externalRef(), e.actionId()), renewedFrom, renewedAs);
            case CommitmentAmended e -> new Commitment(id, allyId, category, e.statement(), startsOn, e.endsOn(), e.targetActions(),
                    visibility, status, actionsLogged, actionsByExternalRef, renewedFrom, renewedAs);
            case CommitmentFulfilled e -> withStatus(CommitmentStatus.FULFILLED);
            case CommitmentWithdrawn e -> withStatus(CommitmentStatus.WITHDRAWN);
            case CommitmentLapsed e -> withStatus(CommitmentStatus.LAPSED);
            case CommitmentRenewed e -> new Commitment(id, allyId, category, statement, startsOn, endsOn, targetActions, visibility,
                    status, actionsLogged, actionsByExternalRef, renewedFrom, e.renewedAs());
        };
    }

    private Map<String, String> withExternalRef(String externalRef, String actionId) {
        if (externalRef == null) {
            return actionsByExternalRef;
        }
        Map<String, String> added = new HashMap<>(actionsByExternalRef);
        added.put(externalRef, actionId);
        return Map.copyOf(added);
    }

    private Commitment withStatus(CommitmentStatus newStatus) {
        return new Commitment(id, allyId, category, statement, startsOn, endsOn, targetActions, visibility, newStatus,
                actionsLogged, actionsByExternalRef, renewedFrom, renewedAs);
    }

    private void requireActive() {
        if (Objects.requireNonNull(status).terminal()) {
            throw conflict("commitment-closed", "The commitment is " + status + "; it accepts no more changes.");
        }
    }

    private static void checkPeriod(LocalDate startsOn, LocalDate endsOn, LocalDate today) {
        if (endsOn.isBefore(startsOn)) {
            throw unprocessable("endsOn", "must not be before startsOn");
        }
        if (endsOn.isAfter(startsOn.plusYears(1))) {
            throw unprocessable("endsOn", "must be at most one year after startsOn");
        }
        if (endsOn.isBefore(today)) {
            throw unprocessable("endsOn", "must not be in the past");
        }
    }

    private static void checkTarget(int targetActions) {
        if (targetActions < 1 || targetActions > MAX_TARGET_ACTIONS) {
            throw unprocessable("targetActions", "must be between 1 and " + MAX_TARGET_ACTIONS);
        }
    }
}

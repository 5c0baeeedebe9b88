package org.allyledger.commitment.commitments.domain;

import org.allyledger.contracts.published.CommitmentsV1;

import org.allyledger.contracts.AllyshipCategory;
import org.allyledger.eventstore.EventType;

import java.time.LocalDate;

/** Events of a commitment's stream; published on the commitments topic, keyed by commitment id. */
public sealed interface CommitmentEvent {

    String commitmentId();

    String allyId();

    /** An ally committed to a behaviour for a period; {@code renewedFrom} links a renewal to its predecessor. */
    @EventType(CommitmentsV1.CommitmentMade.TYPE)
    record CommitmentMade(String commitmentId, String allyId, AllyshipCategory category, String statement, LocalDate startsOn,
                          LocalDate endsOn, int targetActions, Visibility visibility, String renewedFrom)
            implements CommitmentEvent {
    }

    /** An action done towards the commitment; {@code externalRef} is the HR system's id for it, if any. */
    @EventType(CommitmentsV1.ActionLogged.TYPE)
    record ActionLogged(String commitmentId, String allyId, String actionId, ActionKind kind, LocalDate occurredOn,
                        String note, String evidenceUrl, ActionSource source, String externalRef) implements CommitmentEvent {
    }

    /** The ally changed the statement, target or end date of an active commitment; carries the new values. */
    @EventType(CommitmentsV1.CommitmentAmended.TYPE)
    record CommitmentAmended(String commitmentId, String allyId, String statement, int targetActions, LocalDate endsOn,
                             String reason) implements CommitmentEvent {
    }

    /** The actions logged reached the target. */
    @EventType(CommitmentsV1.CommitmentFulfilled.TYPE)
    record CommitmentFulfilled(String commitmentId, String allyId, int actionsLogged, int targetActions)
            implements CommitmentEvent {
    }

    @EventType(CommitmentsV1.CommitmentWithdrawn.TYPE)
    record CommitmentWithdrawn(String commitmentId, String allyId, String reason) implements CommitmentEvent {
    }

    /** The period ended short of the target. */
    @EventType(CommitmentsV1.CommitmentLapsed.TYPE)
    record CommitmentLapsed(String commitmentId, String allyId, int actionsLogged, int targetActions, LocalDate endedOn)
            implements CommitmentEvent {
    }

    /** A new commitment continues this one. */
    @EventType(CommitmentsV1.CommitmentRenewed.TYPE)
    record CommitmentRenewed(String commitmentId, String allyId, String renewedAs) implements CommitmentEvent {
    }
}

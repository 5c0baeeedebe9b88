package org.allyledger.reporting.commitments;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.allyledger.contracts.published.CommitmentsV1;
import org.allyledger.contracts.published.CommitmentsV1.ActionLogged;
import org.allyledger.contracts.published.CommitmentsV1.CommitmentAmended;
import org.allyledger.contracts.published.CommitmentsV1.CommitmentFulfilled;
import org.allyledger.contracts.published.CommitmentsV1.CommitmentLapsed;
import org.allyledger.contracts.published.CommitmentsV1.CommitmentMade;
import org.allyledger.contracts.published.CommitmentsV1.CommitmentRenewed;
import org.allyledger.contracts.published.CommitmentsV1.CommitmentWithdrawn;
import org.allyledger.inbox.InboundEvent;
import org.allyledger.inbox.Inbox;
import org.allyledger.inbox.Sql;
import org.allyledger.reporting.people.Attribution;
import org.allyledger.reporting.projection.Projector;
import org.allyledger.reporting.projection.ReadModels;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Projects the commitments topic: commitments with their status, and every action logged. */
@Singleton
public class CommitmentsProjection extends Projector<CommitmentsV1> {
    public static final String CHANNEL = "commitments";
    public static final String NAME = "reporting.commitments";

    /** The commitment stores its ally's department when it was made, which the tally counts by. */
    private static final String MADE = """
            insert into commitments (commitment_id, ally_id, category, starts_on, ends_on, target, status, made_at, renewed_from,
                                     ally_department)
            select ?1, ?2, ?3, cast(?4 as date), cast(?5 as date), cast(?6 as integer), 'ACTIVE', cast(?7 as timestamptz), ?8, a.department
            from (select) fact left join person_history a on %s
            on conflict do nothing""".formatted(Attribution.at("a", "?2", "cast(?7 as timestamptz)"));

    public CommitmentsProjection(Inbox inbox, ReadModels readModels) {
        super(NAME, CommitmentsV1.class, readModels, inbox);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return processBatch(batch);
    }

    @Override
    protected Uni<Void> project(CommitmentsV1 event, InboundEvent envelope) {
        return switch (event) {
            case CommitmentMade(var commitmentId, var allyId, var category, var statement, var startsOn, var endsOn, var targetActions,
                                var visibility, var renewedFrom) ->
                    Sql.update(MADE, commitmentId, allyId, category, startsOn, endsOn, targetActions, envelope.time(), renewedFrom);
            case ActionLogged(var commitmentId, var allyId, var actionId, var kind, var occurredOn, var note, var evidenceUrl, var source,
                              var externalRef) ->
                    // the commitment counts its actions as they arrive, so that reports read the count
                    Sql.update("with added as (insert into commitment_actions (action_id, commitment_id, ally_id, kind,"
                            + " occurred_on, logged_at) values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing returning commitment_id)"
                            + " update commitments set actions_logged = actions_logged + 1 where commitment_id in (select commitment_id from added)",
                    actionId, commitmentId, allyId, kind, occurredOn, envelope.time());
            case CommitmentAmended(var commitmentId, var allyId, var statement, var targetActions, var endsOn, var reason) ->
                    Sql.update("update commitments set ends_on = ?2, target = ?3 where commitment_id = ?1",
                    commitmentId, endsOn, targetActions);
            case CommitmentFulfilled e -> close(e.commitmentId(), "FULFILLED", envelope);
            case CommitmentWithdrawn e -> close(e.commitmentId(), "WITHDRAWN", envelope);
            case CommitmentLapsed e -> close(e.commitmentId(), "LAPSED", envelope);
            case CommitmentRenewed e -> Sql.update("update commitments set renewed_as = ?2 where commitment_id = ?1", e.commitmentId(),
                    e.renewedAs());
        };
    }

    private static Uni<Void> close(String commitmentId, String status, InboundEvent envelope) {
        return Sql.update("update commitments set status = ?2, closed_at = ?3 where commitment_id = ?1", commitmentId, status, envelope.time());
    }
}

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

    /**
     * The commitment stores its ally's department when it was made, which the tally counts by. Each statement here is a
     * set statement: a batch's events of a kind are one statement.
     */
    private static final String MADE = """
            insert into commitments (commitment_id, ally_id, category, starts_on, ends_on, target, status, made_at, renewed_from,
                                     ally_department)
            select r.commitment_id, r.ally_id, r.category, r.starts_on, r.ends_on, r.target, 'ACTIVE', r.made_at, r.renewed_from, a.department
            from (select commitment_id, ally_id, category, starts_on::date, ends_on::date, target::integer, made_at::timestamptz, renewed_from
                  from unnest(?1::text[], ?2::text[], ?3::text[], ?4::text[], ?5::text[], ?6::text[], ?7::text[], ?8::text[])
                      as r(commitment_id, ally_id, category, starts_on, ends_on, target, made_at, renewed_from)) r
            left join person_history a on %s
            on conflict do nothing""".formatted(Attribution.at("a", "r.ally_id", "r.made_at"));
    /** The commitment counts its actions as they arrive, so that reports read the count. */
    private static final String ACTION_LOGGED = """
            with added as (
                insert into commitment_actions (action_id, commitment_id, ally_id, kind, occurred_on, logged_at)
                select action_id, commitment_id, ally_id, kind, occurred_on::date, logged_at::timestamptz
                from unnest(?1::text[], ?2::text[], ?3::text[], ?4::text[], ?5::text[], ?6::text[])
                    as r(action_id, commitment_id, ally_id, kind, occurred_on, logged_at)
                on conflict do nothing returning commitment_id)
            update commitments c set actions_logged = c.actions_logged + added_here.actions
            from (select commitment_id, count(*) as actions from added group by commitment_id) added_here
            where c.commitment_id = added_here.commitment_id""";
    private static final String CLOSED = """
            update commitments c set status = r.status, closed_at = r.closed_at::timestamptz
            from unnest(?1::text[], ?2::text[], ?3::text[]) as r(commitment_id, status, closed_at)
            where c.commitment_id = r.commitment_id""";

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
                    Sql.updateRow(MADE, commitmentId, allyId, category, startsOn, endsOn, targetActions, envelope.time(), renewedFrom);
            case ActionLogged(var commitmentId, var allyId, var actionId, var kind, var occurredOn, var note, var evidenceUrl, var source,
                              var externalRef) ->
                    Sql.updateRow(ACTION_LOGGED, actionId, commitmentId, allyId, kind, occurredOn, envelope.time());
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
        return Sql.updateRow(CLOSED, commitmentId, status, envelope.time());
    }
}

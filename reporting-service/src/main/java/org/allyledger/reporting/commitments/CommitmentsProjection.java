package org.allyledger.reporting.commitments;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.allyledger.contracts.Topics;
import org.allyledger.inbox.Inbox;
import org.allyledger.inbox.InboundEvent;
import org.allyledger.reporting.infra.Sql;
import org.allyledger.reporting.projection.Projector;
import org.allyledger.reporting.projection.ReadModels;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;


/** Projects the commitments topic: commitments with their status, and every action logged. */
@Singleton
public class CommitmentsProjection extends Projector {
    public static final String CHANNEL = "commitments";
    public static final String NAME = "reporting.commitments";
    private static final String TYPES = "org.allyledger.commitments.";

    private final Inbox inbox;

    public CommitmentsProjection(Inbox inbox, ReadModels readModels) {
        super(NAME, Topics.COMMITMENTS, readModels);
        this.inbox = inbox;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return applyLive(record);
    }

    @Override
    public Uni<Void> apply(InboundEvent e) {
        return switch (e.type()) {
            case TYPES + "CommitmentMade.v1" -> Sql.update("insert into commitments (commitment_id, ally_id, category, starts_on, ends_on,"
                            + " target, status, made_at) values (?1, ?2, ?3, ?4, ?5, ?6, 'ACTIVE', ?7) on conflict do nothing",
                    e.text("commitmentId"), e.text("allyId"), e.text("category"), e.date("startsOn"), e.date("endsOn"),
                    e.number("targetActions"), e.time());
            case TYPES + "ActionLogged.v1" -> Sql.update("insert into commitment_actions (action_id, commitment_id, ally_id, kind,"
                            + " occurred_on, logged_at) values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing",
                    e.text("actionId"), e.text("commitmentId"), e.text("allyId"), e.text("kind"), e.date("occurredOn"), e.time());
            case TYPES + "CommitmentAmended.v1" -> Sql.update("update commitments set ends_on = ?2, target = ?3 where commitment_id = ?1",
                    e.text("commitmentId"), e.date("endsOn"), e.number("targetActions"));
            case TYPES + "CommitmentFulfilled.v1" -> close(e, "FULFILLED");
            case TYPES + "CommitmentWithdrawn.v1" -> close(e, "WITHDRAWN");
            case TYPES + "CommitmentLapsed.v1" -> close(e, "LAPSED");
            case TYPES + "CommitmentRenewed.v1" -> Uni.createFrom().voidItem();
            default -> inbox.skip(NAME, e);
        };
    }

    private static Uni<Void> close(InboundEvent e, String status) {
        return Sql.update("update commitments set status = ?2, closed_at = ?3 where commitment_id = ?1", e.text("commitmentId"), status, e.time());
    }
}

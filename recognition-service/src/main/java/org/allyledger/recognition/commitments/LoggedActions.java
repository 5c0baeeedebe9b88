package org.allyledger.recognition.commitments;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
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
import org.allyledger.inbox.ContractConsumer;
import org.allyledger.inbox.Inbox;
import org.allyledger.inbox.Sql;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which ally logged which action, learnt from the commitments topic: a nomination may link only actions its nominee
 * logged. Nothing else of a commitment is kept here.
 */
@Singleton
public class LoggedActions extends ContractConsumer<CommitmentsV1> {
    public static final String CHANNEL = "commitments";
    public static final String NAME = "recognition.commitments";

    private final Pool pool;

    public LoggedActions(Inbox inbox, Pool pool) {
        super(NAME, CommitmentsV1.class, inbox);
        this.pool = pool;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return processBatch(batch);
    }

    /** The ids among {@code actionIds} that are not actions {@code allyId} logged (as far as this service has seen). */
    public Uni<List<String>> notLoggedBy(String allyId, List<String> actionIds) {
        if (actionIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("select action_id from logged_actions where ally_id = $1 and action_id = any($2)")
                .execute(Tuple.of(allyId, actionIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> logged = new HashSet<>();
                    rows.forEach(row -> logged.add(row.getString(0)));
                    return actionIds.stream().filter(id -> !logged.contains(id)).distinct().toList();
                });
    }

    @Override
    protected Uni<Void> project(CommitmentsV1 event, InboundEvent envelope) {
        return switch (event) {
            case ActionLogged(var commitmentId, var allyId, var actionId, var kind, var occurredOn, var note, var evidenceUrl,
                              var source, var externalRef) ->
                    Sql.update("insert into logged_actions (action_id, ally_id, commitment_id, logged_at) values (?1, ?2, ?3, ?4)"
                            + " on conflict (action_id) do nothing", actionId, allyId, commitmentId, envelope.time());
            case CommitmentMade e -> none();
            case CommitmentAmended e -> none();
            case CommitmentFulfilled e -> none();
            case CommitmentWithdrawn e -> none();
            case CommitmentLapsed e -> none();
            case CommitmentRenewed e -> none();
        };
    }

    private static Uni<Void> none() {
        return Uni.createFrom().voidItem();
    }
}

package org.allyledger.reporting.projection;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.inbox.Inbox;
import org.allyledger.inbox.Sql;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/**
 * Where a projection writes. Its tables, inbox included, live in a schema per generation; reports read views in
 * {@code public} onto the live one. A transaction names its generation first, so the projection's own SQL stays
 * unqualified and is the same for the live model and a rebuild.
 */
@ApplicationScoped
public class ReadModels {
    private final Inbox inbox;

    public ReadModels(Inbox inbox) {
        this.inbox = inbox;
    }

    /** Applies a record from the projection's channel to its live generation; waits while a swap is under way. */
    public Uni<Void> applyLive(Projector<?> projector, ConsumerRecord<String, String> record) {
        return inbox.process(projector.name(), record,
                () -> Sql.rows("select reporting_enter_live(?1)", projector.name()).replaceWithVoid(), projector::apply);
    }

    /** Applies records in order to a generation being rebuilt, in one transaction; answers how many were malformed. */
    public Uni<Integer> applyToGeneration(Projector<?> projector, String schema, List<ConsumerRecord<String, String>> records) {
        return inbox.processBatch(projector.name(), records,
                () -> Sql.rows("select set_config('search_path', quote_ident(?1) || ', public', true)", schema).replaceWithVoid(),
                projector::apply);
    }
}

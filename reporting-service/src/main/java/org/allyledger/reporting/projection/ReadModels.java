package org.allyledger.reporting.projection;

import io.opentelemetry.api.trace.Span;
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

    /** First in a transaction of the projection's channel: its live generation; waits while a swap is under way. */
    public Uni<Void> enterLive(Projector<?> projector) {
        return Sql.rows("select reporting_enter_live(?1)", projector.name()).replaceWithVoid();
    }

    /**
     * Applies records in order to a generation being rebuilt, through the same batched path as the live channel;
     * answers how many were dead-lettered.
     */
    public Uni<Integer> applyToGeneration(Projector<?> projector, String schema, List<ConsumerRecord<String, String>> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Span span = inbox.replaySpan(projector.name(), records);
        return inbox.processBatch(projector.name(), projector.inApplyOrder(records),
                () -> Sql.rows("select reporting_enter_generation(?1, ?2)", projector.name(), schema).replaceWithVoid(),
                projector::apply).map(List::size).onTermination().invoke(span::end);
    }
}

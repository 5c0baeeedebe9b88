package org.allyledger.reporting.people;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.allyledger.contracts.published.PeopleV1;
import org.allyledger.inbox.InboundEvent;
import org.allyledger.inbox.Inbox;
import org.allyledger.inbox.Sql;
import org.allyledger.inbox.people.PeopleTable;
import org.allyledger.reporting.projection.Projector;
import org.allyledger.reporting.projection.ReadModels;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Projects the people topic into the {@code people} table, the base of every per-head figure, and into
 * {@code person_history}, so that facts are attributed to where a person stood when they happened.
 */
@Singleton
public class PeopleProjection extends Projector<PeopleV1> {
    public static final String CHANNEL = "people";
    public static final String NAME = "reporting.people";

    /**
     * Each history row of the person holds from its period start (-infinity for their first) until the next row's
     * {@code valid_from}: a fact joins its attribution by time, whatever order the history arrived in.
     */
    private static final String PERIODS = """
            update person_history h set period_start = p.period_start, period_end = p.period_end
            from (select stream_version,
                         case when row_number() over w = 1 then '-infinity'::timestamptz else valid_from end as period_start,
                         coalesce(lead(valid_from) over w, 'infinity'::timestamptz) as period_end
                  from person_history where employee_id = ?1 window w as (order by valid_from, stream_version)) p
            where h.employee_id = ?1 and h.stream_version = p.stream_version
              and (h.period_start is distinct from p.period_start or h.period_end is distinct from p.period_end)""";

    public PeopleProjection(Inbox inbox, ReadModels readModels) {
        super(NAME, PeopleV1.class, readModels, inbox);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return processBatch(batch);
    }

    @Override
    protected Uni<Void> project(PeopleV1 event, InboundEvent envelope) {
        return PeopleTable.apply(event, envelope).flatMap(standing -> standing
                .map(person -> Sql.update("insert into person_history (employee_id, stream_version, valid_from, department, location,"
                                + " work_model, active) values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict do nothing", person.employeeId(),
                        envelope.streamVersion(), envelope.time(), person.department(), person.location(), person.workModel(), person.active())
                        .chain(() -> Sql.update(PERIODS, person.employeeId()))
                        // facts that arrived before this history, or fall in a period it changed, count where it says:
                        // once per batch, at its end, so that fact projections wait for it only that long
                        .chain(() -> Sql.callOnceAtCommit("reporting_reattribute", person.employeeId())))
                .orElseGet(() -> Uni.createFrom().voidItem()));
    }
}

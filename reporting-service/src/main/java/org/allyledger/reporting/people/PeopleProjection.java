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

    /** A set statement: a batch's history rows of different people are one statement. */
    private static final String HISTORY = """
            insert into person_history (employee_id, stream_version, valid_from, department, location, work_model, active)
            select employee_id, stream_version::bigint, valid_from::timestamptz, department, location, work_model, active::boolean
            from unnest(?1::text[], ?2::text[], ?3::text[], ?4::text[], ?5::text[], ?6::text[], ?7::text[])
                as r(employee_id, stream_version, valid_from, department, location, work_model, active)
            on conflict do nothing""";

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
                .map(person -> Sql.updateRow(HISTORY, person.employeeId(), envelope.streamVersion(), envelope.time(), person.department(),
                                person.location(), person.workModel(), person.active())
                        // each history row holds from its start until the next row's, whatever order the history
                        // arrived in: once per batch, at its end, for every person it touched
                        .chain(() -> Sql.callOnceAtCommit("reporting_set_periods", person.employeeId()))
                        // then facts that arrived before this history, or fall in a period it changed, count where it
                        // says, so that fact projections wait for it only that long
                        .chain(() -> Sql.callOnceAtCommit("reporting_reattribute", person.employeeId())))
                .orElseGet(() -> Uni.createFrom().voidItem()));
    }
}

package org.allyledger.reporting.people;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.allyledger.contracts.published.PeopleV1;
import org.allyledger.contracts.published.PeopleV1.PersonDeparted;
import org.allyledger.contracts.published.PeopleV1.PersonRegistered;
import org.allyledger.contracts.published.PeopleV1.PersonUpdated;
import org.allyledger.inbox.InboundEvent;
import org.allyledger.inbox.Inbox;
import org.allyledger.inbox.MalformedEventException;
import org.allyledger.reporting.infra.Sql;
import org.allyledger.reporting.projection.Projector;
import org.allyledger.reporting.projection.ReadModels;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Projects the people topic into {@link PersonRow}s, the base of every per-head figure. */
@Singleton
public class PeopleProjection extends Projector<PeopleV1> {
    public static final String CHANNEL = "people";
    public static final String NAME = "reporting.people";

    public PeopleProjection(Inbox inbox, ReadModels readModels) {
        super(NAME, PeopleV1.class, readModels, inbox);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return applyLive(record);
    }

    @Override
    protected Uni<Void> project(PeopleV1 event, InboundEvent envelope) {
        return switch (event) {
            case PersonRegistered e -> describe(e.employeeId(), e.department(), e.location(), e.workModel(), e.active(), envelope);
            case PersonUpdated e -> describe(e.employeeId(), e.department(), e.location(), e.workModel(), e.active(), envelope);
            case PersonDeparted e -> depart(e.employeeId(), envelope);
        };
    }

    private static Uni<Void> describe(String employeeId, String department, String location, String workModel, boolean active,
                                      InboundEvent envelope) {
        long version = streamVersion(envelope);
        return remember(employeeId, version, envelope, department, location, workModel, active)
                .chain(() -> PersonRow.<PersonRow>findById(employeeId))
                .map(found -> found != null ? found : PersonRow.registered(employeeId))
                .flatMap(row -> row.describe(version, department, location, workModel, active, envelope.time())
                        ? row.persist().replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    /** Keeps where the person stood from this event on, so facts are attributed as they were when they happened. */
    private static Uni<Void> remember(String employeeId, long version, InboundEvent envelope, String department, String location,
                                      String workModel, boolean active) {
        return Sql.update("insert into person_history (employee_id, stream_version, valid_from, department, location, work_model, active)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict do nothing", employeeId, version, envelope.time(), department, location,
                workModel, active);
    }

    private static Uni<Void> depart(String employeeId, InboundEvent envelope) {
        long version = streamVersion(envelope);
        return PersonRow.<PersonRow>findById(employeeId).flatMap(row -> {
            if (row == null || !row.depart(version, envelope.time())) {
                return Uni.createFrom().voidItem();
            }
            return remember(row.employeeId, version, envelope, row.department, row.location, row.workModel, false)
                    .chain(() -> row.persist().replaceWithVoid());
        });
    }

    private static long streamVersion(InboundEvent envelope) {
        if (envelope.streamVersion() < 1) {
            throw new MalformedEventException(envelope.type() + " has no stream version");
        }
        return envelope.streamVersion();
    }
}

package org.allyledger.reporting.people;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.contracts.Topics;
import org.allyledger.inbox.Inbox;
import org.allyledger.inbox.InboundEvent;
import org.allyledger.inbox.MalformedEventException;
import org.allyledger.reporting.infra.Sql;
import org.allyledger.reporting.projection.Projector;
import org.allyledger.reporting.projection.ReadModels;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Projects the people topic into {@link PersonRow}s, the base of every per-head figure. */
@Singleton
public class PeopleProjection extends Projector {
    public static final String CHANNEL = "people";
    public static final String NAME = "reporting.people";

    private final Inbox inbox;

    public PeopleProjection(Inbox inbox, ReadModels readModels) {
        super(NAME, Topics.PEOPLE, readModels);
        this.inbox = inbox;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return applyLive(record);
    }

    @Override
    public Uni<Void> apply(InboundEvent event) {
        return switch (event.type()) {
            case PeopleEventTypes.PERSON_REGISTERED, PeopleEventTypes.PERSON_UPDATED -> describe(event);
            case PeopleEventTypes.PERSON_DEPARTED -> depart(event);
            default -> inbox.skip(NAME, event);
        };
    }

    private Uni<Void> describe(InboundEvent event) {
        String employeeId = event.text("employeeId");
        long version = streamVersion(event);
        String department = event.text("department");
        String location = event.text("location");
        String workModel = event.text("workModel");
        boolean active = event.flag("active", true);
        return remember(employeeId, version, event, department, location, workModel, active)
                .chain(() -> PersonRow.<PersonRow>findById(employeeId))
                .map(found -> found != null ? found : PersonRow.registered(employeeId))
                .flatMap(row -> row.describe(version, department, location, workModel, active, event.time())
                        ? row.persist().replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    /** Keeps where the person stood from this event on, so facts are attributed as they were when they happened. */
    private static Uni<Void> remember(String employeeId, long version, InboundEvent event, String department, String location,
                                      String workModel, boolean active) {
        return Sql.update("insert into person_history (employee_id, stream_version, valid_from, department, location, work_model, active)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict do nothing", employeeId, version, event.time(), department, location,
                workModel, active);
    }

    private Uni<Void> depart(InboundEvent event) {
        long version = streamVersion(event);
        return PersonRow.<PersonRow>findById(event.text("employeeId")).flatMap(row -> {
            if (row == null || !row.depart(version, event.time())) {
                return Uni.createFrom().voidItem();
            }
            return remember(row.employeeId, version, event, row.department, row.location, row.workModel, false)
                    .chain(() -> row.persist().replaceWithVoid());
        });
    }

    private static long streamVersion(InboundEvent event) {
        if (event.streamVersion() < 1) {
            throw new MalformedEventException(event.type() + " has no stream version");
        }
        return event.streamVersion();
    }
}

package org.allyledger.reporting.people;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.inbox.Inbox;
import org.allyledger.inbox.InboundEvent;
import org.allyledger.inbox.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Projects the people topic into {@link PersonRow}s, the base of every per-head figure. */
@ApplicationScoped
public class PeopleProjection {
    public static final String CHANNEL = "people";
    public static final String NAME = "reporting.people";

    private final Inbox inbox;
    private final MeterRegistry metrics;

    public PeopleProjection(Inbox inbox, MeterRegistry metrics) {
        this.inbox = inbox;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.process(NAME, record, this::apply);
    }

    Uni<Void> apply(InboundEvent event) {
        return switch (event.type()) {
            case PeopleEventTypes.PERSON_REGISTERED, PeopleEventTypes.PERSON_UPDATED -> describe(event);
            case PeopleEventTypes.PERSON_DEPARTED -> depart(event);
            default -> {
                // a newer producer may publish types this version does not know: skip, but count them
                metrics.counter("allyledger.projection.skipped", "projection", NAME, "type", event.type()).increment();
                yield Uni.createFrom().voidItem();
            }
        };
    }

    private Uni<Void> describe(InboundEvent event) {
        String employeeId = event.text("employeeId");
        long version = streamVersion(event);
        return PersonRow.<PersonRow>findById(employeeId)
                .map(found -> found != null ? found : PersonRow.registered(employeeId))
                .flatMap(row -> row.describe(version, event.text("department"), event.text("location"),
                        event.text("workModel"), event.flag("active", true), event.time())
                        ? row.persist().replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    private Uni<Void> depart(InboundEvent event) {
        long version = streamVersion(event);
        return PersonRow.<PersonRow>findById(event.text("employeeId"))
                .flatMap(row -> row != null && row.depart(version, event.time()) ? row.persist().replaceWithVoid() : Uni.createFrom().voidItem());
    }

    private static long streamVersion(InboundEvent event) {
        if (event.streamVersion() < 1) {
            throw new MalformedEventException(event.type() + " has no stream version");
        }
        return event.streamVersion();
    }
}

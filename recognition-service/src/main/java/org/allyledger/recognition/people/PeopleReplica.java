package org.allyledger.recognition.people;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.contracts.Topics;
import org.allyledger.inbox.Inbox;
import org.allyledger.inbox.InboxConsumer;
import org.allyledger.inbox.InboundEvent;
import org.allyledger.inbox.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps {@link ReplicatedPerson} in step with the people topic. */
@ApplicationScoped
public class PeopleReplica implements InboxConsumer {
    public static final String CHANNEL = "people";
    public static final String NAME = "recognition.people";

    private final Inbox inbox;

    public PeopleReplica(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.process(NAME, record, this::apply);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String topic() {
        return Topics.PEOPLE;
    }

    @Override
    public Uni<Void> redrive(ConsumerRecord<String, String> record) {
        return consume(record);
    }

    /** Whether the person is known and active here; the write side's rules ask this. */
    @WithSession
    public Uni<Boolean> isActive(String employeeId) {
        return ReplicatedPerson.<ReplicatedPerson>findById(employeeId).map(person -> person != null && person.active);
    }

    Uni<Void> apply(InboundEvent event) {
        return switch (event.type()) {
            case PeopleEventTypes.PERSON_REGISTERED, PeopleEventTypes.PERSON_UPDATED -> describe(event);
            case PeopleEventTypes.PERSON_DEPARTED -> depart(event);
            default -> inbox.skip(NAME, event);
        };
    }

    private Uni<Void> depart(InboundEvent event) {
        requireVersion(event);
        return ReplicatedPerson.<ReplicatedPerson>findById(event.text("employeeId"))
                .flatMap(person -> person != null && person.describe(event.streamVersion(), person.department, false, event.time())
                        ? person.persist().replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    private static void requireVersion(InboundEvent event) {
        if (event.streamVersion() < 1) {
            throw new MalformedEventException(event.type() + " has no stream version");
        }
    }

    private Uni<Void> describe(InboundEvent event) {
        String employeeId = event.text("employeeId");
        requireVersion(event);
        return ReplicatedPerson.<ReplicatedPerson>findById(employeeId)
                .map(found -> found != null ? found : ReplicatedPerson.unseen(employeeId))
                .flatMap(person -> person.describe(event.streamVersion(), event.text("department"), event.flag("active", true), event.time())
                        ? person.persist().replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }
}

package org.allyledger.recognition.people;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.contracts.published.PeopleV1;
import org.allyledger.contracts.published.PeopleV1.PersonDeparted;
import org.allyledger.contracts.published.PeopleV1.PersonRegistered;
import org.allyledger.contracts.published.PeopleV1.PersonUpdated;
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
        return inbox.published(event, PeopleV1.class).map(published -> {
            requireVersion(event);
            return switch (published) {
                case PersonRegistered e -> describe(e.employeeId(), e.department(), e.active(), event);
                case PersonUpdated e -> describe(e.employeeId(), e.department(), e.active(), event);
                case PersonDeparted e -> depart(e.employeeId(), event);
            };
        }).orElseGet(() -> inbox.skip(NAME, event));
    }

    private static Uni<Void> depart(String employeeId, InboundEvent event) {
        return ReplicatedPerson.<ReplicatedPerson>findById(employeeId)
                .flatMap(person -> person != null && person.describe(event.streamVersion(), person.department, false, event.time())
                        ? person.persist().replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    private static void requireVersion(InboundEvent event) {
        if (event.streamVersion() < 1) {
            throw new MalformedEventException(event.type() + " has no stream version");
        }
    }

    private static Uni<Void> describe(String employeeId, String department, boolean active, InboundEvent event) {
        return ReplicatedPerson.<ReplicatedPerson>findById(employeeId)
                .map(found -> found != null ? found : ReplicatedPerson.unseen(employeeId))
                .flatMap(person -> person.describe(event.streamVersion(), department, active, event.time())
                        ? person.persist().replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }
}

package org.allyledger.recognition.people;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.contracts.published.PeopleV1;
import org.allyledger.contracts.Topics;
import org.allyledger.inbox.Inbox;
import org.allyledger.inbox.InboxConsumer;
import org.allyledger.inbox.InboundEvent;
import org.allyledger.inbox.people.PeopleTable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps recognition's people table ({@link PeopleTable}) in step with the people topic. */
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
        return PeopleTable.isActive(employeeId);
    }

    Uni<Void> apply(InboundEvent event) {
        return inbox.published(event, PeopleV1.class)
                .map(published -> PeopleTable.apply(published, event).replaceWithVoid())
                .orElseGet(() -> inbox.skip(NAME, event));
    }
}

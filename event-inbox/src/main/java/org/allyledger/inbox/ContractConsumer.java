package org.allyledger.inbox;

import io.smallrye.mutiny.Uni;
import org.allyledger.contracts.published.PublishedEvent;
import org.allyledger.contracts.published.PublishedTypes;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A consumer of one topic's published family of events, through the {@link Inbox}: each record is read as its contract
 * record and handed to {@link #project}, dispatched there by an exhaustive switch; a type the family does not have is
 * skipped and counted, one that does not fit its record is dead-lettered. A subclass names its channel with
 * {@code @Incoming} on a method that calls {@link #process}.
 *
 * @param <F> the sealed family of the topic's published events
 */
public abstract class ContractConsumer<F extends PublishedEvent> implements InboxConsumer {
    private final String name;
    private final Class<F> family;
    private final Inbox inbox;

    /** @param name the consumer's name in the inbox, e.g. {@code recognition.people} */
    protected ContractConsumer(String name, Class<F> family, Inbox inbox) {
        this.name = name;
        this.family = family;
        this.inbox = inbox;
    }

    @Override
    public String name() {
        return name;
    }

    /** The topic of its family. */
    @Override
    public String topic() {
        return PublishedTypes.topic(family);
    }

    /** Changes what it keeps for a new event, inside the caller's transaction; unknown types are skipped. */
    public Uni<Void> apply(InboundEvent event) {
        return inbox.published(event, family).map(published -> project(published, event)).orElseGet(() -> inbox.skip(name, event));
    }

    /** The change one published event makes; {@code envelope} has its time, stream version and position. */
    protected abstract Uni<Void> project(F event, InboundEvent envelope);

    /** Applies a record of its channel once, in a transaction of its own. */
    protected Uni<Void> process(ConsumerRecord<String, String> record) {
        return inbox.process(name, record, this::apply);
    }

    /** A dead letter is re-driven as its channel applies a record. */
    @Override
    public Uni<Void> redrive(ConsumerRecord<String, String> record) {
        return process(record);
    }
}

package org.allyledger.reporting.projection;

import io.smallrye.mutiny.Uni;
import org.allyledger.contracts.published.PublishedEvent;
import org.allyledger.contracts.published.PublishedTypes;
import org.allyledger.inbox.InboundEvent;
import org.allyledger.inbox.Inbox;
import org.allyledger.inbox.InboxConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A projection of one topic's published family of events into read-model tables of its own. The same {@link #apply}
 * builds the live generation from the channel and a new generation during a rebuild: {@link ReadModels} decides which
 * tables it writes to. A type the family does not have is skipped and counted; one that does not fit its record is
 * dead-lettered.
 *
 * @param <F> the sealed family of the topic's published events, dispatched exhaustively by {@link #project}
 */
public abstract class Projector<F extends PublishedEvent> implements InboxConsumer {
    private final String name;
    private final Class<F> family;
    private final ReadModels readModels;
    private final Inbox inbox;

    /** @param name the projection's name, also its consumer name in the inbox, e.g. {@code reporting.people} */
    protected Projector(String name, Class<F> family, ReadModels readModels, Inbox inbox) {
        this.name = name;
        this.family = family;
        this.readModels = readModels;
        this.inbox = inbox;
    }

    @Override
    public String name() {
        return name;
    }

    /** The topic it projects. */
    @Override
    public String topic() {
        return PublishedTypes.topic(family);
    }

    /** Changes the read model for a new event, inside the caller's transaction; unknown types are skipped. */
    public Uni<Void> apply(InboundEvent event) {
        return inbox.published(event, family).map(published -> project(published, event)).orElseGet(() -> inbox.skip(name, event));
    }

    /** The change one published event makes; {@code envelope} has its time, stream version and position. */
    protected abstract Uni<Void> project(F event, InboundEvent envelope);

    /** Applies a record of the projection's channel to its live generation. */
    protected Uni<Void> applyLive(ConsumerRecord<String, String> record) {
        return readModels.applyLive(this, record);
    }

    /** A dead letter is re-driven into the live generation, as its channel would apply it. */
    @Override
    public Uni<Void> redrive(ConsumerRecord<String, String> record) {
        return applyLive(record);
    }

    /** The schema that holds a generation of this projection's tables, e.g. {@code rm_people_2}. */
    public String schema(int generation) {
        return "rm_" + name.substring(name.indexOf('.') + 1) + "_" + generation;
    }
}

package org.allyledger.reporting.projection;

import io.smallrye.mutiny.Uni;
import org.allyledger.inbox.InboundEvent;
import org.allyledger.inbox.InboxConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A projection of one topic into read-model tables of its own. The same {@link #apply} builds the live generation
 * from the channel and a new generation during a rebuild: {@link ReadModels} decides which tables it writes to.
 */
public abstract class Projector implements InboxConsumer {
    private final String name;
    private final String topic;
    private final ReadModels readModels;

    /** @param name the projection's name, also its consumer name in the inbox, e.g. {@code reporting.people} */
    protected Projector(String name, String topic, ReadModels readModels) {
        this.name = name;
        this.topic = topic;
        this.readModels = readModels;
    }

    @Override
    public String name() {
        return name;
    }

    /** The topic it projects. */
    @Override
    public String topic() {
        return topic;
    }

    /** Changes the read model for a new event, inside the caller's transaction; unknown types are skipped. */
    public abstract Uni<Void> apply(InboundEvent event);

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

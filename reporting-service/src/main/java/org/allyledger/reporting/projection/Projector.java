package org.allyledger.reporting.projection;

import io.smallrye.mutiny.Uni;
import org.allyledger.contracts.published.PublishedEvent;
import org.allyledger.inbox.ContractConsumer;
import org.allyledger.inbox.Inbox;
import org.allyledger.inbox.StreamWaves;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/**
 * A projection of one topic's published family of events into read-model tables of its own. The same {@link #apply}
 * builds the live generation from the channel and a new generation during a rebuild: {@link ReadModels} decides which
 * tables it writes to.
 *
 * @param <F> the sealed family of the topic's published events, dispatched exhaustively by {@link #project}
 */
public abstract class Projector<F extends PublishedEvent> extends ContractConsumer<F> {
    private final ReadModels readModels;

    /** @param name the projection's name, also its consumer name in the inbox, e.g. {@code reporting.people} */
    protected Projector(String name, Class<F> family, ReadModels readModels, Inbox inbox) {
        super(name, family, inbox);
        this.readModels = readModels;
    }

    /**
     * Each stream's events in order, a batch's events of one kind together: a projection's changes to different streams
     * commute (each stream its own rows, tallies that add up, standings counted from the facts).
     */
    @Override
    public List<ConsumerRecord<String, String>> inApplyOrder(List<ConsumerRecord<String, String>> records) {
        return StreamWaves.order(records);
    }

    /** The projection's channel writes to its live generation, and waits while a swap is under way. */
    @Override
    protected Uni<Void> enterLive() {
        return readModels.enterLive(this);
    }

    /** The schema that holds a generation of this projection's tables, e.g. {@code rm_people_2}. */
    public String schema(int generation) {
        String name = name();
        return "rm_" + name.substring(name.indexOf('.') + 1) + "_" + generation;
    }
}

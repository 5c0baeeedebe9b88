package org.allyledger.reporting.projection;

import io.smallrye.mutiny.Uni;
import org.allyledger.inbox.InboundEvent;

/**
 * A projection of one topic into read-model tables of its own. The same {@link #apply} builds the live generation
 * from the channel and a new generation during a rebuild: {@link ReadModels} decides which tables it writes to.
 */
public interface Projector {

    /** The projection's name, also its consumer name in the inbox, e.g. {@code reporting.people}. */
    String name();

    /** The topic it projects. */
    String topic();

    /** Changes the read model for a new event, inside the caller's transaction; unknown types are skipped. */
    Uni<Void> apply(InboundEvent event);

    /** The schema that holds a generation of this projection's tables, e.g. {@code rm_people_2}. */
    default String schema(int generation) {
        return "rm_" + name().substring(name().indexOf('.') + 1) + "_" + generation;
    }
}

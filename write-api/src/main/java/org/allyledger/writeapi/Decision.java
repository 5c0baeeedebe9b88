package org.allyledger.writeapi;

import org.allyledger.eventstore.StreamAppend;
import org.allyledger.eventstore.UniqueClaim;

import java.util.List;

/** A command's outcome before it is written: the events for each stream it changes, claims it takes, and the answer. */
public record Decision(List<StreamAppend<?>> appends, List<UniqueClaim> claims, CommandResult result) {

    public static Decision of(StreamAppend<?> append, CommandResult result) {
        return new Decision(List.of(append), List.of(), result);
    }

    public static Decision of(List<StreamAppend<?>> appends, CommandResult result) {
        return new Decision(appends, List.of(), result);
    }

    /** How many events it appends, over all its streams; 0 when the command changes nothing. */
    public int eventCount() {
        return appends.stream().mapToInt(append -> append.events().size()).sum();
    }

    /** The same decision, also taking {@code claim} in its transaction. */
    public Decision claiming(UniqueClaim claim) {
        return new Decision(appends, List.of(claim), result);
    }
}

package org.allyledger.eventstore.command;

import org.allyledger.eventstore.StreamAppend;

import java.util.List;

/** A command's outcome before it is written: the events for each stream it changes, and the answer. */
public record Decision(List<StreamAppend<?>> appends, CommandResult result) {

    public static Decision of(StreamAppend<?> append, CommandResult result) {
        return new Decision(List.of(append), result);
    }

    public static Decision of(List<StreamAppend<?>> appends, CommandResult result) {
        return new Decision(appends, result);
    }
}

package org.allyledger.eventstore;

import java.util.List;

/** Events to append to one stream, at the version the writer read it. */
public record StreamAppend<E>(StreamType<?, E> type, String streamId, long expectedVersion, List<? extends E> events) {

    public static <E> StreamAppend<E> of(StreamType<?, E> type, String streamId, long expectedVersion, List<? extends E> events) {
        return new StreamAppend<>(type, streamId, expectedVersion, events);
    }

    /** The stream's version once appended. */
    public long newVersion() {
        return expectedVersion + events.size();
    }
}

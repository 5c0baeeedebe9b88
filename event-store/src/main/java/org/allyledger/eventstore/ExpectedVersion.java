package org.allyledger.eventstore;

/** The optimistic concurrency rule, stated once: an append succeeds only if the stream is still where the writer read it. */
public final class ExpectedVersion {

    /** A writer that saw a stream at {@code expected} may write versions expected+1 .. expected+count. */
    public static long firstNewVersion(long expected) {
        if (expected < 0) {
            throw new IllegalArgumentException("a stream version is never negative: " + expected);
        }
        return expected + 1;
    }

    public static boolean isStale(long expected, long actual) {
        return expected != actual;
    }

    private ExpectedVersion() {
    }
}

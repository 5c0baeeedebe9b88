package org.allyledger.eventstore;

import org.allyledger.domain.Rejection;

/** Another writer appended to the stream since it was read; the API answers 409 and the client re-reads. */
public class ConcurrencyConflictException extends Rejection.StateConflict {

    public ConcurrencyConflictException(String streamType, String streamId, long expectedVersion) {
        super("concurrent-modification", "The " + streamType + " " + streamId + " changed since version " + expectedVersion
                + " was read; read it again and retry.", null);
    }
}

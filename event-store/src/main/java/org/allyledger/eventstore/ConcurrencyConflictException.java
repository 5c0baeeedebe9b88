package org.allyledger.eventstore;

import org.allyledger.api.Problem;
import org.allyledger.api.ProblemException;

/** Another writer appended to the stream since it was read; the API answers 409 and the client re-reads. */
public class ConcurrencyConflictException extends ProblemException {

    public ConcurrencyConflictException(String streamType, String streamId, long expectedVersion) {
        super(Problem.of(409, "concurrent-modification", "Concurrent modification",
                "The " + streamType + " " + streamId + " changed since version " + expectedVersion
                        + " was read; read it again and retry."));
    }
}

package org.allyledger.eventstore;

/** A concurrent request with the same Idempotency-Key committed first; its response is to be replayed. */
public class IdempotencyKeyTakenException extends RuntimeException {

    public IdempotencyKeyTakenException() {
        super("idempotency key taken by a concurrent request", null, false, false);
    }
}

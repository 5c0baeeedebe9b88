package org.allyledger.eventstore;

/** A stored first response to (caller, Idempotency-Key); the fingerprint identifies the request it answered. */
public record IdempotencyRecord(String caller, String key, String fingerprint, int status, String body, String etag, String location) {
}

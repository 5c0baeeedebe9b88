package org.allyledger.eventstore;

/**
 * Who caused an event and in answer to what; stored beside each event, never part of its payload.
 *
 * @param actor         the authenticated principal that issued the command
 * @param correlationId ties together the events of one request (e.g. its Idempotency-Key)
 */
public record EventMetadata(String actor, String correlationId) {

    public static EventMetadata of(String actor, String correlationId) {
        return new EventMetadata(actor, correlationId);
    }
}

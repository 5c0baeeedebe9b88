package org.allyledger.eventstore;

/**
 * Who caused an event and in answer to what; stored beside each event, never part of its payload.
 *
 * @param actor         the authenticated principal that issued the command (an employee or an HR system)
 * @param subject       the employee the command acted for; the actor itself when acting for oneself
 * @param correlationId ties together the events of one request (its Idempotency-Key when it has one)
 */
public record EventMetadata(String actor, String subject, String correlationId) {
}

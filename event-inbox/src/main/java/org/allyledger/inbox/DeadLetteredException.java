package org.allyledger.inbox;

/**
 * A record that was recorded as a dead letter: the channel's failure strategy then sends it to the dead-letter
 * topic, with this message as its reason, and goes on with the next record.
 */
public class DeadLetteredException extends MalformedEventException {

    public DeadLetteredException(String reason) {
        super(reason);
    }
}

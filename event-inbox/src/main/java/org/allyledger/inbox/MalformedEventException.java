package org.allyledger.inbox;

/** An event that no retry can make readable: it goes to the dead-letter topic with this message as the reason. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }
}

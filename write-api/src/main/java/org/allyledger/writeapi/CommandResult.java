package org.allyledger.writeapi;

/**
 * What a command answers: status, JSON body, and the ETag (version) and Location of the resource it changed.
 * It is stored with the Idempotency-Key so a retry gets exactly the same answer.
 */
public record CommandResult(int status, Object body, Long version, String location) {

    public static CommandResult ok(Object body, long version) {
        return new CommandResult(200, body, version, null);
    }

    public static CommandResult created(Object body, long version, String location) {
        return new CommandResult(201, body, version, location);
    }
}

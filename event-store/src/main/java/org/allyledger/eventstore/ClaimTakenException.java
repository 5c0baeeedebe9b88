package org.allyledger.eventstore;

/** Another stream holds the claim; {@link EventStore#claimOwner} names it. */
public class ClaimTakenException extends RuntimeException {
    private final String scope;
    private final String key;

    public ClaimTakenException(String scope, String key) {
        super("claim " + scope + "/" + key + " is taken", null, false, false);
        this.scope = scope;
        this.key = key;
    }

    public String scope() {
        return scope;
    }

    public String key() {
        return key;
    }
}

package org.allyledger.writeapi.privacy;

import io.smallrye.mutiny.Uni;

import java.util.Optional;

/**
 * Where each person's data key is kept. {@link DatabaseDataKeys} keeps them in the service's own database, in a table of
 * their own; a key-management service (a KMS, Vault's transit engine) can stand in by implementing this.
 */
public interface DataKeys {

    /** The person's key, made on first use. */
    Uni<byte[]> keyFor(String personId);

    /** The person's key, or empty when they have none (never had personal data, or it was erased). */
    Uni<Optional<byte[]>> existing(String personId);

    /** Destroys the person's key; answers whether there was one. Repeating it changes nothing. */
    Uni<Boolean> destroy(String personId);
}

package org.allyledger.writeapi.privacy;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Each person's personal data is sealed under their own data key; erasing them destroys the key. */
@ApplicationScoped
public class PersonalData {
    /** What readers see in place of an erased person's name. */
    public static final String ERASED_NAME = "erased person";

    private final DataKeys keys;
    private final Pool pool;

    public PersonalData(DataKeys keys, Pool pool) {
        this.keys = keys;
        this.pool = pool;
    }

    /** For writing the person's text: their key, made on first use. */
    public Uni<PersonalText> sealing(String personId) {
        return keys.keyFor(personId).map(key -> new PersonalText(personId, key));
    }

    /** For reading the person's text: their key, or none once erased. */
    public Uni<PersonalText> reading(String personId) {
        return keys.existing(personId).map(key -> new PersonalText(personId, key.orElse(null)));
    }

    /**
     * Destroys the person's key: every copy of their sealed text, wherever it went, can no longer be read. The answers
     * stored for Idempotency-Key replays that were made by or name the person are dropped too, since they hold text as
     * it was answered; a retry of one of those requests is decided afresh.
     */
    public Uni<Boolean> erase(String personId) {
        return keys.destroy(personId).call(() -> pool.preparedQuery(
                        "delete from idempotency_keys where caller = $1 or strpos(body, $2) > 0")
                .execute(Tuple.of(personId, "\"" + personId + "\"")));
    }
}

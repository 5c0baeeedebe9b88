package org.allyledger.writeapi.privacy;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.Optional;

/** Data keys in the {@code person_data_keys} table of this service's database. */
@ApplicationScoped
public class DatabaseDataKeys implements DataKeys {
    private static final int KEY_BYTES = 32;

    private final Pool pool;
    private final SecureRandom random = new SecureRandom();

    public DatabaseDataKeys(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<byte[]> keyFor(String personId) {
        // the person's key exists but for their first write: one read, and an insert only then
        return existing(personId).flatMap(found -> found.isPresent() ? Uni.createFrom().item(found.get()) : created(personId));
    }

    private Uni<byte[]> created(String personId) {
        byte[] fresh = new byte[KEY_BYTES];
        random.nextBytes(fresh);
        // a concurrent first use keeps the key that was inserted first
        return pool.preparedQuery("insert into person_data_keys (employee_id, data_key) values ($1, $2) on conflict (employee_id) do nothing")
                .execute(Tuple.of(personId, io.vertx.core.buffer.Buffer.buffer(fresh)))
                .chain(() -> existing(personId))
                .map(key -> key.orElseThrow(() -> new IllegalStateException("the data key of " + personId + " was destroyed meanwhile")));
    }

    @Override
    public Uni<Optional<byte[]>> existing(String personId) {
        return pool.preparedQuery("select data_key from person_data_keys where employee_id = $1").execute(Tuple.of(personId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getBuffer(0).getBytes()) : Optional.empty());
    }

    @Override
    public Uni<Boolean> destroy(String personId) {
        return pool.preparedQuery("delete from person_data_keys where employee_id = $1").execute(Tuple.of(personId))
                .map(result -> result.rowCount() > 0);
    }
}

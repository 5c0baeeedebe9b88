package org.allyledger.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * Native SQL in the caller's transaction: in a consumer's transaction, on its connection with the writes batched
 * ({@link WriteBatch}); elsewhere on the current Hibernate Reactive session. Projections write with upserts, reports read
 * with aggregates.
 */
public final class Sql {

    /** Runs an update with positional parameters ?1, ?2 ... in the caller's transaction. */
    public static Uni<Void> update(String sql, Object... parameters) {
        WriteBatch batch = WriteBatch.current();
        if (batch != null) {
            batch.add(sql, parameters);
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    /**
     * Calls the SQL function {@code function(text[])} once, last in the caller's transaction, with every value given
     * this way in it: work a batch needs once however many of its events ask for it. Outside a consumer's transaction
     * it is called at once with the one value.
     */
    public static Uni<Void> callOnceAtCommit(String function, String value) {
        WriteBatch batch = WriteBatch.current();
        if (batch != null) {
            batch.callAtCommit(function, value);
            return Uni.createFrom().voidItem();
        }
        return rows("select count(*) from " + function + "(array[cast(?1 as text)])", value).replaceWithVoid();
    }

    /** Every row as an array, also when the query selects a single column (which Hibernate returns bare). */
    public static Uni<List<Object[]>> rows(String sql, Object... parameters) {
        WriteBatch batch = WriteBatch.current();
        if (batch != null) {
            return batch.query(sql, parameters);
        }
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql, Object.class);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(row -> row instanceof Object[] columns ? columns : new Object[]{row}).toList());
    }

    private Sql() {
    }
}

package org.allyledger.inbox;

import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import java.util.List;
import java.util.function.Supplier;

/**
 * Native SQL with positional parameters ?1, ?2 ... on the reactive PostgreSQL client: in a consumer's transaction, on
 * its connection with the writes batched ({@link WriteBatch}); elsewhere as a statement of its own on the pool.
 * Projections write with upserts, reports read with aggregates.
 */
public final class Sql {

    /** Runs an update in the caller's transaction, or on its own outside one. */
    public static Uni<Void> update(String sql, Object... parameters) {
        WriteBatch batch = WriteBatch.current();
        if (batch != null) {
            batch.add(sql, parameters);
            return Uni.createFrom().voidItem();
        }
        return WriteBatch.execute(pool(), sql, parameters).replaceWithVoid();
    }

    /**
     * One row of a set statement, whose parameter {@code ?n} is the array of its rows' nth values as text, which the
     * statement casts to their types (e.g. {@code select id, at::timestamptz from unnest(?1::text[], ?2::text[]) as r(id, at)}). In a
     * consumer's transaction, the rows that events of one type and distinct streams queue one event after the other (a
     * segment, which the inbox marks) are sent as one statement, so that a batch of events of one kind costs one
     * statement, not one each; the statement must hold for any number of rows of distinct streams. Outside a
     * transaction it runs at once with the one row.
     */
    public static Uni<Void> updateRow(String sql, Object... row) {
        WriteBatch batch = WriteBatch.current();
        if (batch != null) {
            batch.addRow(sql, row);
            return Uni.createFrom().voidItem();
        }
        return WriteBatch.executeRow(pool(), sql, row).replaceWithVoid();
    }

    /**
     * Calls the SQL function {@code function(text[])} once, last in the caller's transaction, with every value given
     * this way in it: work a batch needs once however many of its events ask for it. Functions are called in the order
     * they were first asked for. Outside a consumer's transaction it is called at once with the one value.
     */
    public static Uni<Void> callOnceAtCommit(String function, String value) {
        WriteBatch batch = WriteBatch.current();
        if (batch != null) {
            batch.callAtCommit(function, value);
            return Uni.createFrom().voidItem();
        }
        return rows("select count(*) from " + function + "(array[cast(?1 as text)])", value).replaceWithVoid();
    }

    /** Every row as an array of its column values, in the caller's transaction or on its own outside one. */
    public static Uni<List<Object[]>> rows(String sql, Object... parameters) {
        WriteBatch batch = WriteBatch.current();
        if (batch != null) {
            return batch.query(sql, parameters);
        }
        return WriteBatch.execute(pool(), sql, parameters).map(WriteBatch::arrays);
    }

    /** A query with its positional parameters, for {@link #together}. */
    public record Query(String sql, Object... parameters) {
    }

    /**
     * The queries, outside a transaction, sent together on one connection (the client pipelines them): their rows in the
     * queries' order. One connection and one exchange instead of one of each per query.
     */
    public static Uni<List<List<Object[]>>> together(List<Query> queries) {
        return pool().withConnection(connection -> Uni.join().all(queries.stream()
                .map(query -> WriteBatch.execute(connection, query.sql(), query.parameters()).map(WriteBatch::arrays)).toList()).andFailFast());
    }

    /** Runs {@code work} in one transaction on one connection, its writes batched: all or nothing. */
    public static <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return WriteBatch.inTransaction(pool(), work);
    }

    private static Pool pool() {
        return Arc.container().instance(Pool.class).get();
    }

    private Sql() {
    }
}

package org.allyledger.inbox;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The writes of one consumer transaction on one connection, sent together: {@link Sql#update} queues a statement here
 * instead of waiting for it, and the queue goes to PostgreSQL in order when the transaction ends (runs of one statement
 * as one batch, every run pipelined), or before a query that reads, so that the query sees them. A failure of a queued
 * statement fails the transaction, which is then rolled back whole. Bound to the transaction's Vert.x context, as
 * Hibernate Reactive binds its session.
 */
final class WriteBatch {
    private static final String KEY = WriteBatch.class.getName();
    private static final Pattern POSITIONAL = Pattern.compile("\\?(\\d+)");
    private static final Map<String, String> TRANSLATED = new ConcurrentHashMap<>();

    /** A statement with its parameters, or a set statement ({@code rows} not null) whose parameters are its rows' columns. */
    private record Statement(String sql, Tuple parameters, List<Object[]> rows) {
        Tuple bound() {
            if (rows == null) {
                return parameters;
            }
            Object[] columns = new Object[rows.get(0).length];
            for (int column = 0; column < columns.length; column++) {
                String[] values = new String[rows.size()];
                for (int row = 0; row < values.length; row++) {
                    values[row] = text(rows.get(row)[column]);
                }
                columns[column] = values;
            }
            return Tuple.from(Arrays.asList(columns));
        }
    }

    private final SqlConnection connection;
    private final List<Statement> queued = new ArrayList<>();
    private final Map<String, Set<String>> calledAtCommit = new LinkedHashMap<>();
    /**
     * The current segment: events of one type, each of its own stream, whose changes commute, so that a row of a set
     * statement may join the same statement queued earlier in it. Without events marked, only the last statement.
     */
    private int segmentStart = 0;
    private String segmentType;
    private final Set<String> segmentStreams = new HashSet<>();
    /** Where the current event queued its last statement: its next row goes after it, in the event's own order. */
    private int eventLast = -1;

    private WriteBatch(SqlConnection connection) {
        this.connection = connection;
    }

    /** Runs {@code work} in a transaction of its own on {@code pool}, its writes batched; they are all sent before it commits. */
    static <T> Uni<T> inTransaction(Pool pool, Supplier<Uni<T>> work) {
        return pool.withTransaction(connection -> {
            Context context = Vertx.currentContext();
            if (context == null || !VertxContext.isDuplicatedContext(context)) {
                return Uni.createFrom().failure(new IllegalStateException("a consumer transaction runs on a duplicated Vert.x context"));
            }
            WriteBatch batch = new WriteBatch(connection);
            context.putLocal(KEY, batch);
            return Uni.createFrom().<T>deferred(work::get)
                    .call(batch::commit)
                    .eventually(() -> context.removeLocal(KEY));
        });
    }

    /** The batch of the transaction running on this context, or null outside one. */
    static WriteBatch current() {
        Context context = Vertx.currentContext();
        return context == null || !VertxContext.isDuplicatedContext(context) ? null : context.getLocal(KEY);
    }

    /**
     * The changes that follow are an event's: of its type and stream (its subject; null where it has none). It starts a
     * new segment where its type differs from the segment's or its stream has an event in the segment already.
     */
    void beginEvent(String type, String stream) {
        boolean sameSegment = type.equals(segmentType) && stream != null && !segmentStreams.contains(stream);
        if (!sameSegment) {
            segmentStart = queued.size();
            segmentType = type;
            segmentStreams.clear();
        }
        if (stream != null) {
            segmentStreams.add(stream);
        }
        eventLast = -1;
    }

    void add(String sql, Object... parameters) {
        queued.add(new Statement(translate(sql), Tuple.from(Arrays.asList(parameters)), null));
        eventLast = queued.size() - 1;
    }

    /**
     * A row of a set statement: one more row of the same set statement queued in the segment after the event's last
     * statement (without events marked: the last statement queued), else a statement of its own.
     */
    void addRow(String sql, Object... row) {
        String translated = translate(sql);
        int first = segmentType == null ? queued.size() - 1 : Math.max(segmentStart, eventLast + 1);
        for (int i = queued.size() - 1; i >= Math.max(0, first); i--) {
            Statement queuedHere = queued.get(i);
            if (queuedHere.rows() != null && queuedHere.sql().equals(translated)) {
                queuedHere.rows().add(row);
                eventLast = i;
                return;
            }
        }
        List<Object[]> rows = new ArrayList<>();
        rows.add(row);
        queued.add(new Statement(translated, null, rows));
        eventLast = queued.size() - 1;
    }

    /** A set statement of one row, on a connection or the pool. */
    static Uni<RowSet<Row>> executeRow(SqlClient client, String sql, Object... row) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(row);
        return client.preparedQuery(translate(sql)).execute(new Statement(sql, null, rows).bound());
    }

    /**
     * A value of a set statement's column, as text that PostgreSQL reads back as the value: the statement casts each
     * column's array to its type. Times to the microsecond, as PostgreSQL keeps them (truncated, as the client binds them).
     */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return time.truncatedTo(ChronoUnit.MICROS).toString();
        }
        return value.toString();
    }

    void callAtCommit(String function, String value) {
        calledAtCommit.computeIfAbsent(function, f -> new LinkedHashSet<>()).add(value);
    }

    /** Last: each function asked for at commit, once, with every value asked with; then everything is sent. */
    private Uni<Void> commit() {
        calledAtCommit.forEach((function, values) ->
                queued.add(new Statement("select " + function + "($1::text[])", Tuple.of(values.toArray(String[]::new)), null)));
        calledAtCommit.clear();
        return flush();
    }

    /** Sends what is queued, then runs the query: rows as arrays of column values. */
    Uni<List<Object[]>> query(String sql, Object... parameters) {
        return flush().chain(() -> execute(connection, sql, parameters)).map(WriteBatch::arrays);
    }

    /** One statement with positional parameters ({@code ?1}) on a connection or the pool. */
    static Uni<RowSet<Row>> execute(SqlClient client, String sql, Object... parameters) {
        return client.preparedQuery(translate(sql)).execute(Tuple.from(Arrays.asList(parameters)));
    }

    /** Rows as arrays of column values. */
    static List<Object[]> arrays(RowSet<Row> rows) {
        List<Object[]> result = new ArrayList<>(rows.rowCount());
        for (Row row : rows) {
            Object[] columns = new Object[row.size()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = row.getValue(i);
            }
            result.add(columns);
        }
        return result;
    }

    /**
     * The queued statements in order: each run of one statement as one batch, a set statement with all its rows, all
     * pipelined on the connection.
     */
    Uni<Void> flush() {
        if (queued.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sent = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= queued.size(); i++) {
            if (i == queued.size() || !queued.get(i).sql().equals(queued.get(start).sql()) || queued.get(start).rows() != null) {
                List<Tuple> run = queued.subList(start, i).stream().map(Statement::bound).toList();
                String sql = queued.get(start).sql();
                sent.add((run.size() == 1 ? connection.preparedQuery(sql).execute(run.get(0)) : connection.preparedQuery(sql).executeBatch(run))
                        .replaceWithVoid());
                start = i;
            }
        }
        queued.clear();
        segmentStart = 0;
        eventLast = -1;
        return Uni.join().all(sent).andFailFast().replaceWithVoid();
    }

    /** The callers' positional parameters ({@code ?1}) as PostgreSQL's ({@code $1}). */
    private static String translate(String sql) {
        return TRANSLATED.computeIfAbsent(sql, s -> POSITIONAL.matcher(s).replaceAll("\\$$1"));
    }
}

package org.allyledger.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import org.allyledger.api.telemetry.TraceContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.api.Failures;
import org.allyledger.eventstore.IdempotencyRecord;
import org.allyledger.eventstore.IdempotencyKeyTakenException;
import org.allyledger.eventstore.relay.EventRelay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Appends events to, and loads streams from, the service's {@code events} table. */
@ApplicationScoped
public class EventStore {
    private static final String UNIQUE_VIOLATION = "23505";
    /**
     * Appends one version, only if the one before it exists: with the unique (stream, version) key this is the whole
     * concurrency rule in one statement. A writer behind the stream meets the key; one ahead of it (a version from the
     * future in If-Match) inserts nothing.
     */
    private static final String INSERT = "insert into events (stream_type, stream_id, version, event_id, event_type, payload, metadata, trace_parent)"
            + " select $1::text, $2::text, $3::bigint, $4::uuid, $5::text, $6::text::jsonb, $7::text::jsonb, $8::text"
            + " where $3::bigint = 1 or exists (select 1 from events where stream_type = $1::text and stream_id = $2::text and version = $3::bigint - 1)";
    private static final String RECORD_RESPONSE = "insert into idempotency_keys (caller, key, fingerprint, status, body, etag, location)"
            + " values ($1, $2, $3, $4, $5, $6, $7)";
    private static final String IDEMPOTENCY_KEY = "idempotency_keys_pkey";
    private static final String CLAIM = "insert into unique_claims (scope, key, owner) values ($1, $2, $3)";
    private static final String CLAIM_KEY = "unique_claims_pkey";
    private static final String STREAM_VERSION_KEY = "events_stream_version";
    private static final String HISTORY = "select version, event_type, payload::text, occurred_at, metadata ->> 'actor' from events"
            + " where stream_type = $1 and stream_id = $2 order by version";
    private static final String LOAD_AFTER = "select version, event_type, payload::text from events"
            + " where stream_type = $1 and stream_id = $2 and version > $3 order by version";
    private static final long CACHED_STREAMS = Long.getLong("allyledger.event-store.cached-streams", 10_000);

    private final Pool pool;
    private final ObjectMapper json;
    private final EventRelay relay;
    private final FoldCache folds = new FoldCache(CACHED_STREAMS);
    private final Tracer tracer;

    public EventStore(Pool pool, ObjectMapper json, EventRelay relay, Tracer tracer) {
        this.pool = pool;
        this.json = json;
        this.relay = relay;
        this.tracer = tracer;
    }

    /** The stream's state and version: its cached fold and the events after it (none, usually), so O(1) rows. */
    public <S, E> Uni<Loaded<S>> load(StreamType<S, E> type, String streamId) {
        FoldCache.Fold<S> cached = folds.get(type, streamId);
        Loaded<S> known = cached == null ? new Loaded<>(type.initialState(), 0) : cached.loaded();
        return pool.preparedQuery(LOAD_AFTER).execute(Tuple.of(type.name(), streamId, known.version())).map(rows -> {
            S state = known.state();
            long version = known.version();
            for (Row row : rows) {
                state = type.apply(state, type.codec().decode(row.getString(1), row.getString(2)));
                version = row.getLong(0);
            }
            Loaded<S> loaded = new Loaded<>(state, version);
            folds.offer(type, streamId, loaded);
            return loaded;
        });
    }

    /**
     * The stream as this service last knew it, if that was at most {@code staleness} ago, else as loaded now: for
     * checks that only read (is this person active?), which then cost no round trip. This service's own appends
     * keep the cached fold current; another replica's append is seen within {@code staleness}.
     */
    public <S, E> Uni<Loaded<S>> recent(StreamType<S, E> type, String streamId, Duration staleness) {
        FoldCache.Fold<S> cached = folds.get(type, streamId);
        if (cached != null && System.nanoTime() - cached.confirmedAtNanos() <= staleness.toNanos()) {
            return Uni.createFrom().item(cached.loaded());
        }
        return load(type, streamId);
    }

    /** The stream's events in order, each with when and by whom it was recorded: for exports and audits, not for deciding. */
    public <E> Uni<List<Recorded<E>>> history(StreamType<?, E> type, String streamId) {
        return pool.preparedQuery(HISTORY).execute(Tuple.of(type.name(), streamId)).map(rows -> {
            List<Recorded<E>> events = new ArrayList<>();
            for (Row row : rows) {
                events.add(new Recorded<>(row.getLong(0), type.codec().decode(row.getString(1), row.getString(2)),
                        row.getOffsetDateTime(3), row.getString(4)));
            }
            return events;
        });
    }

    /**
     * Appends the events as versions {@code expectedVersion + 1 ...} of the stream, atomically.
     *
     * @return the stream's new version
     * @throws ConcurrencyConflictException (as a failed Uni) if the stream is no longer at {@code expectedVersion}
     */
    public <E> Uni<Long> append(StreamType<?, E> type, String streamId, long expectedVersion,
                                List<? extends E> events, EventMetadata metadata) {
        StreamAppend<E> append = StreamAppend.of(type, streamId, expectedVersion, events);
        return appendAll(List.of(append), metadata, null).replaceWith(append.newVersion());
    }

    /**
     * Appends to several streams in one transaction, each at the version its writer read, together with the
     * command's idempotency record if it has one: all of it is written, or none.
     *
     * @throws ConcurrencyConflictException if any stream moved on since it was read
     * @throws IdempotencyKeyTakenException if a concurrent request with the same key committed first
     */
    public Uni<Void> appendAll(List<StreamAppend<?>> appends, EventMetadata metadata, IdempotencyRecord idempotency) {
        return appendAll(appends, List.of(), metadata, idempotency);
    }

    /**
     * As {@link #appendAll(List, EventMetadata, IdempotencyRecord)}, also taking {@code claims} in the same transaction.
     *
     * @throws ClaimTakenException if another stream holds one of the claims
     */
    public Uni<Void> appendAll(List<StreamAppend<?>> appends, List<UniqueClaim> claims, EventMetadata metadata,
                               IdempotencyRecord idempotency) {
        if (appends.stream().allMatch(a -> a.events().isEmpty()) && claims.isEmpty() && idempotency == null) {
            return Uni.createFrom().voidItem();
        }
        if (!relay.captureReady()) {
            // an event written before the replication slot exists would never be published
            return Uni.createFrom().failure(new Failures.Unavailable("the event relay is not capturing yet: the service is starting"));
        }
        String metadataJson = metadata == null ? null : write(metadata);
        // the append is a span of the request's trace; its traceparent is stored with the events, for the relay to continue
        Span span = tracer.spanBuilder("append").setAttribute("allyledger.streams", appends.size())
                .setAttribute("allyledger.events", appends.stream().mapToLong(a -> a.events().size()).sum()).startSpan();
        String traceparent = TraceContext.traceparent(span);
        return pool.withTransaction(connection -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    // each write names what its own unique key refuses: which claim, which stream, the key
                    for (UniqueClaim claim : claims) {
                        chain = chain.flatMap(done -> connection.preparedQuery(CLAIM)
                                .execute(Tuple.of(claim.scope(), claim.key(), claim.owner())).replaceWithVoid()
                                .onFailure(e -> violates(e, CLAIM_KEY)).transform(e -> new ClaimTakenException(claim.scope(), claim.key())));
                    }
                    for (StreamAppend<?> append : appends) {
                        if (!append.events().isEmpty()) {
                            chain = chain.flatMap(done -> appendOne(connection, append, metadataJson, traceparent)
                                    .onFailure(e -> violates(e, STREAM_VERSION_KEY)).transform(e -> new ConcurrencyConflictException(
                                            append.type().name(), append.streamId(), append.expectedVersion())));
                        }
                    }
                    if (idempotency != null) {
                        chain = chain.flatMap(done -> connection.preparedQuery(RECORD_RESPONSE).execute(Tuple.from(Arrays.asList(
                                        idempotency.caller(), idempotency.key(), idempotency.fingerprint(), idempotency.status(),
                                        idempotency.body(), idempotency.etag(), idempotency.location()))).replaceWithVoid()
                                .onFailure(e -> violates(e, IDEMPOTENCY_KEY)).transform(e -> new IdempotencyKeyTakenException()));
                    }
                    return chain;
                })
                .invoke(() -> appends.forEach(this::advanceFold))
                .onTermination().invoke((done, failure, cancelled) -> {
                    if (failure != null) {
                        span.recordException(failure).setStatus(StatusCode.ERROR);
                    }
                    span.end();
                });
    }

    private <E> void advanceFold(StreamAppend<E> append) {
        folds.appended(append.type(), append);
    }

    /** The stream that holds a claim, or null. */
    public Uni<String> claimOwner(String scope, String key) {
        return pool.preparedQuery("select owner from unique_claims where scope = $1 and key = $2").execute(Tuple.of(scope, key))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
    }

    private <E> Uni<Void> appendOne(SqlConnection connection, StreamAppend<E> append, String metadataJson, String traceparent) {
        StreamType<?, E> type = append.type();
        long first = ExpectedVersion.firstNewVersion(append.expectedVersion());
        List<Tuple> rows = new ArrayList<>(append.events().size());
        for (int i = 0; i < append.events().size(); i++) {
            E event = append.events().get(i);
            rows.add(Tuple.from(Arrays.asList(type.name(), append.streamId(), first + i, UUID.randomUUID(),
                    type.codec().typeOf(event), type.codec().encode(event), metadataJson, traceparent)));
        }
        return connection.preparedQuery(INSERT).executeBatch(rows).flatMap(results -> {
            int inserted = 0;
            for (RowSet<Row> result = results; result != null; result = result.next()) {
                inserted += result.rowCount();
            }
            return inserted == rows.size() ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(new ConcurrencyConflictException(type.name(), append.streamId(), append.expectedVersion()));
        });
    }

    /** Whether the failure is a unique violation of the named constraint (never read from the message text). */
    private static boolean violates(Throwable e, String constraint) {
        return e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState()) && constraint.equals(pg.getConstraint());
    }

    private String write(EventMetadata metadata) {
        try {
            return json.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

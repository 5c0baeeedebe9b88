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
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.api.Failures;
import org.allyledger.eventstore.IdempotencyRecord;
import org.allyledger.eventstore.IdempotencyKeyTakenException;
import org.allyledger.eventstore.relay.EventRelay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Appends events to, and loads streams from, the service's {@code events} table. */
@ApplicationScoped
public class EventStore {
    /**
     * A command's claims, events and idempotency record in one statement: one round trip, atomic without BEGIN and
     * COMMIT. The function (migration V1_8; event-store and event-inbox share the 1.x versions) raises each refusal with a SQLSTATE of its own and, as its DETAIL, the
     * refused element's 1-based index in the arrays.
     */
    private static final String APPEND = "select event_store_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)";
    private static final String CLAIM_TAKEN = "ALC01";
    private static final String STREAM_MOVED = "ALV01";
    private static final String KEY_TAKEN = "ALK01";
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
        int eventCount = appends.stream().mapToInt(a -> a.events().size()).sum();
        String[] streamTypes = new String[eventCount];
        String[] streamIds = new String[eventCount];
        Long[] versions = new Long[eventCount];
        UUID[] eventIds = new UUID[eventCount];
        String[] eventTypes = new String[eventCount];
        String[] payloads = new String[eventCount];
        // the append each event belongs to, by its index: a refused stream is named by the index of an event of its own
        List<StreamAppend<?>> appendOf = new ArrayList<>(eventCount);
        int n = 0;
        for (StreamAppend<?> append : appends) {
            n = encode(append, n, streamTypes, streamIds, versions, eventIds, eventTypes, payloads);
            for (int i = 0; i < append.events().size(); i++) {
                appendOf.add(append);
            }
        }
        Object[] parameters = {
                claims.stream().map(UniqueClaim::scope).toArray(String[]::new),
                claims.stream().map(UniqueClaim::key).toArray(String[]::new),
                claims.stream().map(UniqueClaim::owner).toArray(String[]::new),
                streamTypes, streamIds, versions, eventIds, eventTypes, payloads, metadataJson, traceparent,
                idempotency == null ? null : idempotency.caller(), idempotency == null ? null : idempotency.key(),
                idempotency == null ? null : idempotency.fingerprint(), idempotency == null ? null : idempotency.status(),
                idempotency == null ? null : idempotency.body(), idempotency == null ? null : idempotency.etag(),
                idempotency == null ? null : idempotency.location()};
        return pool.preparedQuery(APPEND).execute(Tuple.from(parameters)).replaceWithVoid()
                .onFailure(PgException.class).transform(failure -> refusal((PgException) failure, claims, appendOf))
                .invoke(() -> appends.forEach(this::advanceFold))
                .onTermination().invoke((done, failure, cancelled) -> {
                    if (failure != null) {
                        span.recordException(failure).setStatus(StatusCode.ERROR);
                    }
                    span.end();
                });
    }

    /** Each write names what refused it: which claim, which stream, the key; any other failure stands. */
    private static Throwable refusal(PgException failure, List<UniqueClaim> claims, List<StreamAppend<?>> appendOf) {
        String state = failure.getSqlState();
        if (!CLAIM_TAKEN.equals(state) && !STREAM_MOVED.equals(state) && !KEY_TAKEN.equals(state)) {
            return failure;
        }
        int index = Integer.parseInt(failure.getDetail()) - 1;
        return switch (state) {
            case CLAIM_TAKEN -> new ClaimTakenException(claims.get(index).scope(), claims.get(index).key());
            case STREAM_MOVED -> new ConcurrencyConflictException(appendOf.get(index).type().name(), appendOf.get(index).streamId(),
                    appendOf.get(index).expectedVersion());
            default -> new IdempotencyKeyTakenException();
        };
    }

    /** Writes the append's events into the arrays from {@code from} on; answers the index after them. */
    private static <E> int encode(StreamAppend<E> append, int from, String[] streamTypes, String[] streamIds, Long[] versions,
                                  UUID[] eventIds, String[] eventTypes, String[] payloads) {
        StreamType<?, E> type = append.type();
        long first = ExpectedVersion.firstNewVersion(append.expectedVersion());
        int n = from;
        for (int i = 0; i < append.events().size(); i++, n++) {
            E event = append.events().get(i);
            streamTypes[n] = type.name();
            streamIds[n] = append.streamId();
            versions[n] = first + i;
            eventIds[n] = UUID.randomUUID();
            eventTypes[n] = type.codec().typeOf(event);
            payloads[n] = type.codec().encode(event);
        }
        return n;
    }

    private <E> void advanceFold(StreamAppend<E> append) {
        folds.appended(append.type(), append);
    }

    /** The stream that holds a claim, or null. */
    public Uni<String> claimOwner(String scope, String key) {
        return pool.preparedQuery("select owner from unique_claims where scope = $1 and key = $2").execute(Tuple.of(scope, key))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
    }

    private String write(EventMetadata metadata) {
        try {
            return json.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

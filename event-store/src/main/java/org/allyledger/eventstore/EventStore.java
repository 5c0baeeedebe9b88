package org.allyledger.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.api.Problem;
import org.allyledger.api.ProblemException;
import org.allyledger.eventstore.relay.EventRelay;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Appends events to, and loads streams from, the service's {@code events} table. */
@ApplicationScoped
public class EventStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CURRENT_VERSION =
            "select coalesce(max(version), 0) from events where stream_type = $1 and stream_id = $2";
    private static final String INSERT = "insert into events (stream_type, stream_id, version, event_id, event_type, payload, metadata)"
            + " values ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb)";
    private static final String LOAD = "select version, event_type, payload::text from events"
            + " where stream_type = $1 and stream_id = $2 order by version";

    private final Pool pool;
    private final ObjectMapper json;
    private final EventRelay relay;

    public EventStore(Pool pool, ObjectMapper json, EventRelay relay) {
        this.pool = pool;
        this.json = json;
        this.relay = relay;
    }

    public <S, E> Uni<Loaded<S>> load(StreamType<S, E> type, String streamId) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(type.name(), streamId)).map(rows -> {
            S state = type.initialState();
            long version = 0;
            for (Row row : rows) {
                state = type.apply(state, type.codec().decode(row.getString(1), row.getString(2)));
                version = row.getLong(0);
            }
            return new Loaded<>(state, version);
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
        if (events.isEmpty()) {
            return Uni.createFrom().item(expectedVersion);
        }
        if (!relay.captureReady()) {
            // an event written before the replication slot exists would never be published
            return Uni.createFrom().failure(new ProblemException(Problem.of(503, "not-ready", "Not ready",
                    "The service is starting and cannot record changes yet; retry in a few seconds.")));
        }
        long first = ExpectedVersion.firstNewVersion(expectedVersion);
        String metadataJson = write(metadata);
        List<Tuple> rows = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            E event = events.get(i);
            rows.add(Tuple.from(List.of(type.name(), streamId, first + i, UUID.randomUUID(),
                    type.codec().typeOf(event), type.codec().encode(event), metadataJson)));
        }
        long last = first + events.size() - 1;
        return pool.withTransaction(connection -> connection.preparedQuery(CURRENT_VERSION)
                        .execute(Tuple.of(type.name(), streamId))
                        .flatMap(current -> {
                            long actual = current.iterator().next().getLong(0);
                            if (ExpectedVersion.isStale(expectedVersion, actual)) {
                                return Uni.createFrom().failure(new ConcurrencyConflictException(type.name(), streamId, expectedVersion));
                            }
                            return connection.preparedQuery(INSERT).executeBatch(rows);
                        }))
                .onFailure(EventStore::isUniqueViolation)
                .transform(e -> new ConcurrencyConflictException(type.name(), streamId, expectedVersion))
                .replaceWith(last);
    }

    private static boolean isUniqueViolation(Throwable e) {
        return e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }

    private String write(EventMetadata metadata) {
        try {
            return json.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

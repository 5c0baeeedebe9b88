package org.allyledger.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.allyledger.domain.Rejections;

import java.util.ArrayList;
import java.util.List;

/**
 * A page of stream ids found in the event log, ordered by the global position of the event that found them.
 * The cursor is that position: stable under concurrent appends, opaque to clients.
 *
 * @param next the cursor of the following page, null on the last one
 */
public record StreamPage(List<String> streamIds, String next) {

    /**
     * @param query selects {@code stream_id, global_position}, with {@code global_position > $n} and
     *              {@code limit $n+1} as its last two parameters, ordered by position
     */
    public static Uni<StreamPage> find(Pool pool, String query, Tuple filters, String cursor, int limit) {
        Tuple parameters = filters.addLong(position(cursor)).addInteger(limit + 1);
        return pool.preparedQuery(query).execute(parameters).map(rows -> {
            List<String> ids = new ArrayList<>();
            List<Long> positions = new ArrayList<>();
            for (Row row : rows) {
                ids.add(row.getString(0));
                positions.add(row.getLong(1));
            }
            boolean more = ids.size() > limit;
            return new StreamPage(ids.subList(0, Math.min(limit, ids.size())), more ? Long.toString(positions.get(limit - 1)) : null);
        });
    }

    /** Loads every stream of the page. */
    public <S, E> Uni<List<Loaded<S>>> load(EventStore store, StreamType<S, E> type) {
        if (streamIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(streamIds.stream().map(id -> store.load(type, id)).toList()).andFailFast();
    }

    /** The global position a cursor this API returned stands for; 0 for none. */
    public static long position(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw Rejections.unprocessable("cursor", "must be a cursor this API returned as next");
        }
    }
}

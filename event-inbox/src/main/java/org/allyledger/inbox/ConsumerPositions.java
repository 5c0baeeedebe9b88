package org.allyledger.inbox;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Where each consumer of this service stands in each partition, as its transactions recorded it. */
public interface ConsumerPositions {

    /** A consumer's last handled offset of a partition and the time of that event. */
    record Position(String consumer, int partition, long offset, Instant eventTime) {
    }

    Uni<List<Position>> all();

    /** Positions in {@code projection_positions}, unless the service keeps them elsewhere (reporting: per generation). */
    @ApplicationScoped
    class Defaults {
        @Produces
        @DefaultBean
        @ApplicationScoped
        ConsumerPositions inTheInbox(Pool pool) {
            return () -> pool.query("select consumer, kafka_partition, kafka_offset, event_time from projection_positions").execute()
                    .map(ConsumerPositions::read);
        }
    }

    static List<Position> read(Iterable<Row> rows) {
        List<Position> positions = new ArrayList<>();
        for (Row row : rows) {
            positions.add(new Position(row.getString(0), row.getInteger(1), row.getLong(2), row.getOffsetDateTime(3).toInstant()));
        }
        return positions;
    }
}

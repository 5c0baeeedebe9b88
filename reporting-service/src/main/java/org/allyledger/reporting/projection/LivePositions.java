package org.allyledger.reporting.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.inbox.ConsumerPositions;

import java.util.List;

/** The positions of each projection's live generation, which reports read: what its lag is measured from. */
@ApplicationScoped
public class LivePositions implements ConsumerPositions {
    private static final String LIVE = """
            select g.projection, p.kafka_partition, p.kafka_offset, p.event_time
            from projection_generations g
            join lateral (select * from reporting_positions(g.schema_name) where consumer = g.projection) p on true""";

    private final Pool pool;

    public LivePositions(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<List<Position>> all() {
        return pool.query(LIVE).execute().map(ConsumerPositions::read);
    }
}

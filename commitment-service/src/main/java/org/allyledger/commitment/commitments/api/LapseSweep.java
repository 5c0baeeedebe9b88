package org.allyledger.commitment.commitments.api;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.commitment.commitments.domain.CommitmentsStream;
import org.allyledger.eventstore.ConcurrencyConflictException;
import org.allyledger.eventstore.EventMetadata;
import org.allyledger.eventstore.EventStore;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Lapses the active commitments whose period has ended. Safe to run twice, and on two replicas at once: each
 * commitment is re-checked after loading, and a concurrent writer's conflict just means it is already done.
 */
@ApplicationScoped
public class LapseSweep {
    private static final Logger LOG = Logger.getLogger(LapseSweep.class);
    public static final String ACTOR = "commitment-service/lapse-sweep";
    /** Commitments with no terminal event whose latest end date (made or amended) is before today. */
    private static final String DUE = """
            select stream_id from events
            where stream_type = 'commitments'
            group by stream_id
            having bool_and(event_type not in ('org.allyledger.commitments.CommitmentFulfilled.v1',
                                               'org.allyledger.commitments.CommitmentWithdrawn.v1',
                                               'org.allyledger.commitments.CommitmentLapsed.v1'))
               and (array_agg((payload ->> 'endsOn')::date order by version desc)
                        filter (where payload ? 'endsOn'))[1] < $1""";

    private final Pool pool;
    private final EventStore store;
    private final CommitmentsStream commitments;
    private final Clock clock;

    public LapseSweep(Pool pool, EventStore store, CommitmentsStream commitments, Clock clock) {
        this.pool = pool;
        this.store = store;
        this.commitments = commitments;
        this.clock = clock;
    }

    @Scheduled(cron = "{allyledger.commitments.lapse-sweep-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sweep().invoke(lapsed -> LOG.infof("Lapse sweep lapsed %d commitments", lapsed)).replaceWithVoid();
    }

    /** @return how many commitments this run lapsed */
    public Uni<Integer> sweep() {
        LocalDate today = LocalDate.now(clock);
        String run = UUID.randomUUID().toString();
        return pool.preparedQuery(DUE).execute(Tuple.of(today)).flatMap(rows -> {
            List<String> due = new ArrayList<>();
            for (Row row : rows) {
                due.add(row.getString(0));
            }
            return Multi.createFrom().iterable(due)
                    .onItem().transformToUniAndConcatenate(id -> lapse(id, today, run))
                    .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
        });
    }

    private Uni<Integer> lapse(String id, LocalDate today, String run) {
        return store.load(commitments, id).flatMap(loaded -> {
            var events = loaded.state().lapse(today);
            return store.append(commitments, id, loaded.version(), events, new EventMetadata(ACTOR, loaded.state().allyId(), run))
                    .replaceWith(events.size());
        }).onFailure(ConcurrencyConflictException.class).recoverWithItem(0);
    }
}

package org.allyledger.commitment.commitments.api;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.commitment.commitments.domain.CommitmentEvent;
import org.allyledger.commitment.commitments.domain.CommitmentsStream;
import org.allyledger.eventstore.ConcurrencyConflictException;
import org.allyledger.eventstore.EventMetadata;
import org.allyledger.eventstore.EventStore;
import org.allyledger.eventstore.StreamAppend;
import org.allyledger.writeapi.CommandExecutor;
import org.allyledger.writeapi.CommandResult;
import org.allyledger.writeapi.Decision;
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

    /** What a sweep did: how many commitments it lapsed. */
    public record Result(int lapsed) {
    }

    private static final Logger LOG = Logger.getLogger(LapseSweep.class);
    public static final String ACTOR = "commitment-service/lapse-sweep";
    /** Commitments with no terminal event ($2) whose latest end date (made or amended) is before today, with their ally. */
    private static final String DUE = """
            select stream_id, (array_agg(payload ->> 'allyId' order by version))[1] from events
            where stream_type = 'commitments'
            group by stream_id
            having bool_and(event_type <> all($2))
               and (array_agg((payload ->> 'endsOn')::date order by version desc)
                        filter (where payload ? 'endsOn'))[1] < $1""";

    private final Pool pool;
    private final EventStore store;
    private final CommitmentsStream commitments;
    private final CommandExecutor commands;
    private final Clock clock;
    private final String[] closingTypes;

    public LapseSweep(Pool pool, EventStore store, CommitmentsStream commitments, CommandExecutor commands, Clock clock) {
        this.pool = pool;
        this.store = store;
        this.commitments = commitments;
        this.commands = commands;
        this.clock = clock;
        this.closingTypes = new String[]{commitments.codec().typeOf(CommitmentEvent.CommitmentFulfilled.class),
                commitments.codec().typeOf(CommitmentEvent.CommitmentWithdrawn.class),
                commitments.codec().typeOf(CommitmentEvent.CommitmentLapsed.class)};
    }

    private record Due(String commitmentId, String allyId) {
    }

    // never while the service stops: its database pool closes before its scheduler does
    @Scheduled(cron = "{allyledger.commitments.lapse-sweep-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return sweep().invoke(lapsed -> LOG.infof("Lapse sweep lapsed %d commitments", lapsed)).replaceWithVoid();
    }

    /** @return how many commitments this run lapsed */
    public Uni<Integer> sweep() {
        LocalDate today = LocalDate.now(clock);
        String run = UUID.randomUUID().toString();
        return pool.preparedQuery(DUE).execute(Tuple.of(today, closingTypes)).flatMap(rows -> {
            List<Due> due = new ArrayList<>();
            for (Row row : rows) {
                due.add(new Due(row.getString(0), row.getString(1)));
            }
            return Multi.createFrom().iterable(due)
                    .onItem().transformToUniAndConcatenate(commitment -> lapse(commitment, today, run))
                    .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
        });
    }

    /**
     * Through the one command path, the sweep as actor and the ally as subject. A concurrent change is not retried: the
     * ally acted, and the next sweep decides on what they did.
     */
    private Uni<Integer> lapse(Due due, LocalDate today, String run) {
        return commands.run(new EventMetadata(ACTOR, due.allyId(), run), false, () -> store.load(commitments, due.commitmentId())
                        .map(loaded -> {
                            var append = StreamAppend.of(commitments, due.commitmentId(), loaded.version(), loaded.state().lapse(today));
                            return Decision.of(append, CommandResult.ok(new Result(append.events().size()), append.newVersion()));
                        }))
                .map(Decision::eventCount)
                .onFailure(ConcurrencyConflictException.class).recoverWithItem(0);
    }
}

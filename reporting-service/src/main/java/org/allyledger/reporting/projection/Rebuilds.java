package org.allyledger.reporting.projection;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.allyledger.api.Problem;
import org.allyledger.api.ProblemException;
import org.allyledger.domain.Rejection;
import org.allyledger.domain.Rejections;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds of projections from the start of the log, without downtime: a rebuild fills a new generation beside the
 * live one, which keeps serving reports and applying new events, and swaps it in once it has caught up.
 * The replica that starts a rebuild runs it; any replica takes over one whose runner has gone quiet (stopped or
 * died), from the positions its generation committed.
 */
@ApplicationScoped
public class Rebuilds {
    private static final java.util.Set<String> RACED_CONSTRAINTS =
            java.util.Set.of("projection_rebuilds_one_running", "projection_rebuilds_projection_idempotency_key_key");
    private static final Logger LOG = Logger.getLogger(Rebuilds.class);
    static final Duration QUIET = Duration.ofSeconds(30);
    private static final Duration DATABASE = Duration.ofSeconds(30);
    private static final String COLUMNS = "rebuild_id, projection, generation, schema_name, status, requested_by, requested_at,"
            + " finished_at, records_read, malformed_skipped";

    private final Pool pool;
    private final ReadModels readModels;
    private final Map<String, Projector<?>> projectors = new TreeMap<>();
    private final Map<String, Object> kafka;
    private final String runner = "reporting-" + UUID.randomUUID();
    private final Map<UUID, RebuildRunner> running = new ConcurrentHashMap<>();

    public Rebuilds(Pool pool, ReadModels readModels, @Any Instance<Projector<?>> projectors,
                    @Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry metrics) {
        this.pool = pool;
        this.readModels = readModels;
        projectors.forEach(projector -> this.projectors.put(projector.name(), projector));
        this.kafka = kafka;
        this.projectors.keySet().forEach(projection -> registerProgress(projection, metrics));
    }

    /** A rebuild's progress as gauges: whether one runs here, records read into its generation, records still to read. */
    private void registerProgress(String projection, MeterRegistry metrics) {
        Gauge.builder("allyledger.rebuild.running", running, all -> of(projection).count())
                .description("Rebuilds of the projection this replica runs").tag("projection", projection).register(metrics);
        Gauge.builder("allyledger.rebuild.records.read", running, all -> of(projection).mapToLong(RebuildRunner::recordsRead).sum())
                .description("Records the running rebuild has read into its generation").tag("projection", projection).register(metrics);
        Gauge.builder("allyledger.rebuild.records.remaining", running,
                        all -> of(projection).mapToLong(RebuildRunner::recordsRemaining).filter(n -> n >= 0).sum())
                .description("Records between the running rebuild's position and the end of the topic").tag("projection", projection).register(metrics);
    }

    private Stream<RebuildRunner> of(String projection) {
        return running.values().stream().filter(runner -> runner.projection().equals(projection));
    }

    /** Every projection, by name. */
    public Map<String, Projector<?>> projectors() {
        return projectors;
    }

    /** A new rebuild with its own generation; with an idempotency key seen before, the rebuild that key started. */
    public Uni<Started> start(String projection, String requestedBy, String idempotencyKey) {
        Projector<?> projector = projector(projection);
        return pool.withTransaction(connection -> earlier(connection, projection, idempotencyKey).flatMap(earlier -> {
            if (earlier != null) {
                return Uni.createFrom().item(new Started(earlier, true));
            }
            return connection.preparedQuery("select rebuild_id from projection_rebuilds where projection = $1 and status = 'RUNNING'")
                    .execute(Tuple.of(projection)).flatMap(runningNow -> {
                        if (runningNow.size() > 0) {
                            throw alreadyRunning(projection, runningNow.iterator().next().getUUID(0));
                        }
                        return connection.preparedQuery("select greatest((select generation from projection_generations where projection = $1),"
                                        + " (select coalesce(max(generation), 0) from projection_rebuilds where projection = $1)) + 1")
                                .execute(Tuple.of(projection));
                    }).flatMap(next -> {
                        int generation = next.iterator().next().getInteger(0);
                        String schema = projector.schema(generation);
                        return connection.preparedQuery("insert into projection_rebuilds (rebuild_id, projection, generation, schema_name, status,"
                                        + " requested_by, idempotency_key, worker, heartbeat_at) values ($1, $2, $3, $4, 'RUNNING', $5, $6, $7, now())"
                                        + " returning " + COLUMNS)
                                .execute(Tuple.from(Arrays.asList(UUID.randomUUID(), projection, generation, schema, requestedBy,
                                        idempotencyKey, runner)))
                                .call(() -> connection.preparedQuery("select reporting_new_generation($1, $2)").execute(Tuple.of(projection, schema)))
                                .map(inserted -> new Started(status(inserted.iterator().next()), false));
                    });
        })).onFailure(PgException.class).transform(failure -> uniqueViolation(failure)
                ? alreadyRunning(projection, null) : failure)
                .invoke(started -> {
                    if (!started.replayed()) {
                        run(started.rebuild(), 0, 0);
                    }
                });
    }

    /** The projection's rebuilds, newest first. */
    public Uni<List<RebuildStatus>> list(String projection) {
        projector(projection);
        return pool.preparedQuery("select " + COLUMNS + " from projection_rebuilds where projection = $1 order by requested_at desc")
                .execute(Tuple.of(projection)).map(rows -> {
                    List<RebuildStatus> statuses = new ArrayList<>();
                    rows.forEach(row -> statuses.add(status(row)));
                    return statuses;
                });
    }

    public Uni<RebuildStatus> find(String projection, UUID rebuildId) {
        projector(projection);
        return pool.preparedQuery("select " + COLUMNS + " from projection_rebuilds where projection = $1 and rebuild_id = $2")
                .execute(Tuple.of(projection, rebuildId)).map(rows -> {
                    if (rows.size() == 0) {
                        throw Rejections.notFound("rebuild of " + projection, rebuildId.toString());
                    }
                    return status(rows.iterator().next());
                });
    }

    /** Stops a running rebuild: its runner sees it at its next heartbeat and drops the generation; the live one stays. */
    public Uni<RebuildStatus> cancel(String projection, UUID rebuildId) {
        return find(projection, rebuildId).flatMap(found -> {
            if (!found.running()) {
                throw Rejections.conflict("rebuild-finished", "The rebuild is " + found.status() + " already.");
            }
            return pool.preparedQuery("update projection_rebuilds set status = 'CANCELLED', finished_at = now()"
                            + " where rebuild_id = $1 and status = 'RUNNING'")
                    .execute(Tuple.of(rebuildId))
                    .chain(() -> find(projection, rebuildId));
        });
    }

    /** Drops generations left by a runner that died between a swap or cancel and its clean-up, then takes over quiet rebuilds. */
    void resume(@Observes StartupEvent event) {
        pool.query("select nspname from pg_namespace where nspname like 'rm\\_%'"
                        + " and nspname not in (select schema_name from projection_generations)"
                        + " and nspname not in (select schema_name from projection_rebuilds where status = 'RUNNING')")
                .execute().await().atMost(DATABASE)
                .forEach(row -> RebuildRunner.drop(pool, row.getString(0)));
        takeOverQuietRebuilds();
    }

    /** Runs the rebuilds that no runner has reported on for {@link #QUIET}: their replica stopped or died. */
    // never while the service stops: its database pool closes before its scheduler does
    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void takeOverQuietRebuilds() {
        pool.preparedQuery("update projection_rebuilds set worker = $1, heartbeat_at = now() where status = 'RUNNING'"
                        + " and (worker is null or heartbeat_at < now() - make_interval(secs => $2)) returning " + COLUMNS)
                .execute(Tuple.of(runner, (double) QUIET.toSeconds())).await().atMost(DATABASE)
                .forEach(row -> {
                    RebuildStatus rebuild = status(row);
                    if (running.containsKey(rebuild.rebuildId())) {
                        return; // this replica's own runner, slowed down: it carries on
                    }
                    LOG.infof("resuming the rebuild of %s into generation %d", rebuild.projection(), rebuild.generation());
                    run(rebuild, rebuild.recordsRead(), rebuild.malformedSkipped());
                });
    }

    /** A stopped service hands its rebuilds over at once: the next to start resumes them. */
    void stop(@Observes ShutdownEvent event) {
        running.values().forEach(RebuildRunner::stop);
        running.values().forEach(RebuildRunner::awaitStopped);
        pool.preparedQuery("update projection_rebuilds set worker = null, heartbeat_at = null where worker = $1 and status = 'RUNNING'")
                .execute(Tuple.of(runner)).await().atMost(DATABASE);
    }

    private void run(RebuildStatus rebuild, long recordsRead, long malformed) {
        RebuildRunner worker = new RebuildRunner(rebuild.rebuildId(), projector(rebuild.projection()), rebuild.generation(),
                runner, recordsRead, malformed, pool, readModels, kafka, () -> running.remove(rebuild.rebuildId()));
        running.put(rebuild.rebuildId(), worker);
        worker.start();
    }

    Projector<?> projector(String projection) {
        Projector<?> projector = projectors.get(projection);
        if (projector == null) {
            throw Rejections.notFound("projection", projection);
        }
        return projector;
    }

    private static Uni<RebuildStatus> earlier(io.vertx.mutiny.sqlclient.SqlConnection connection, String projection, String key) {
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return connection.preparedQuery("select " + COLUMNS + " from projection_rebuilds where projection = $1 and idempotency_key = $2")
                .execute(Tuple.of(projection, key))
                .map(rows -> rows.size() == 0 ? null : status(rows.iterator().next()));
    }

    private static RebuildStatus status(Row row) {
        return RebuildStatus.of(row.getUUID("rebuild_id"), row.getString("projection"), row.getInteger("generation"), row.getString("status"),
                row.getString("requested_by"), row.getOffsetDateTime("requested_at"), row.getOffsetDateTime("finished_at"),
                row.getLong("records_read"), row.getLong("malformed_skipped"));
    }

    /** Another start won the race: one running rebuild per projection, or the same Idempotency-Key (by constraint name). */
    private static boolean uniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState())
                && RACED_CONSTRAINTS.contains(pg.getConstraint());
    }

    private static Rejection alreadyRunning(String projection, UUID running) {
        return Rejections.conflict("rebuild-running", "A rebuild of " + projection + " is running; cancel it or wait until it has swapped.",
                running == null ? null : "/ops/projections/" + projection + "/rebuilds/" + running);
    }

    /** A rebuild as the start answered it: {@code replayed} when an earlier request with the same key started it. */
    public record Started(RebuildStatus rebuild, boolean replayed) {
    }
}

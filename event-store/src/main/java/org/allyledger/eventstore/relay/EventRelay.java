package org.allyledger.eventstore.relay;

import org.allyledger.contracts.CloudEventHeaders;

import io.debezium.embedded.Connect;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import org.allyledger.api.telemetry.LatencyBuckets;
import org.allyledger.api.telemetry.TraceContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.allyledger.api.config.DatabaseConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.allyledger.contracts.Topics;
import org.apache.kafka.connect.source.SourceRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes every event the service appends, through Debezium's embedded engine: pgoutput reads inserts into
 * {@code events} from a replication slot, the EventRouter routes each to its topic keyed by stream id, and this
 * relay sends a batch to Kafka and marks the batch's offsets processed only after Kafka acknowledged all of it; the engine
 * writes the marked offsets once a second and when it closes. Delivery is at least once (a crash sends up to a second's
 * events again); consumers deduplicate on {@code ce_id}.
 * <p>
 * Of several replicas, only the holder of a PostgreSQL advisory lock publishes; the others stand by.
 */
@ApplicationScoped
public class EventRelay {
    public static final String CHANNEL = "event-relay";
    private static final Logger LOG = Logger.getLogger(EventRelay.class);
    private static final String ENGINE_PREFIX = "debezium.";
    private static final String ALREADY_EXISTS = "42710";
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
    /** How long a stop waits for the batch in flight to be acknowledged and its offsets marked processed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final RelayConfig config;
    private final Config allConfig;
    private final Emitter<String> emitter;
    private final PublishedForms forms;
    private final DatabaseConfig database;
    private final Counter published;
    private final Timer delay;
    private final Tracer tracer;
    private final AtomicLong retainedWalBytes = new AtomicLong(-1);
    private final AtomicReference<RelayState> state = new AtomicReference<>(RelayState.STARTING);
    private final AtomicReference<DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>>> engine = new AtomicReference<>();
    private final ReentrantLock batchInFlight = new ReentrantLock();
    private volatile boolean captureReady;
    private volatile boolean wanted;
    private Thread supervisor;

    public EventRelay(RelayConfig config, Config allConfig,
                      @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<String> emitter,
                      DatabaseConfig database,
                      MeterRegistry registry, PublishedForms forms, Tracer tracer) {
        this.forms = forms;
        this.config = config;
        this.allConfig = allConfig;
        this.emitter = emitter;
        this.database = database;
        this.tracer = tracer;
        this.published = Counter.builder("allyledger.relay.published").description("Events acknowledged by Kafka").register(registry);
        this.delay = Timer.builder("allyledger.relay.delay")
                .description("From an event's time (its transaction's) to Kafka's acknowledgement of its record")
                .serviceLevelObjectives(LatencyBuckets.standard())
                .register(registry);
        registry.gauge("allyledger.relay.slot.retained.wal.bytes", retainedWalBytes);
        registry.gauge("allyledger.relay.publishing", state, s -> s.get() == RelayState.PUBLISHING ? 1 : 0);
    }

    void onStart(@Observes StartupEvent event) {
        ensureSlot();
        if (config.enabled()) {
            start();
        } else {
            state.set(RelayState.STOPPED);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** True once the replication slot exists: from then on every committed event will be published. */
    public boolean captureReady() {
        return captureReady;
    }

    /**
     * Ready once capture is guaranteed: the engine starts beside the service, not before it, and what is appended
     * meanwhile waits in the slot, as it does through a Kafka outage.
     */
    public boolean ready() {
        return captureReady;
    }

    public RelayState state() {
        return state.get();
    }

    public long retainedWalBytes() {
        return retainedWalBytes.get();
    }

    public String slotName() {
        return config.slotName();
    }

    public synchronized void start() {
        if (supervisor != null) {
            return;
        }
        wanted = true;
        supervisor = new Thread(this::supervise, "event-relay-" + config.slotName());
        supervisor.setDaemon(true);
        supervisor.start();
    }

    /**
     * Stops publishing; events appended meanwhile stay in the slot and are published after {@link #start()}. A batch
     * already sent is let finish first: closing the engine interrupts it, and a batch Kafka holds whose offsets were
     * not marked processed would be sent again by the next start. Closing the engine writes the marked offsets.
     */
    public synchronized void stop() {
        wanted = false;
        awaitBatchInFlight();
        closeEngine();
        if (supervisor != null) {
            supervisor.interrupt();
            try {
                supervisor.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            supervisor = null;
        }
        state.set(RelayState.STOPPED);
    }

    private void awaitBatchInFlight() {
        try {
            if (batchInFlight.tryLock(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                batchInFlight.unlock();
            } else {
                LOG.warnf("Event relay's batch in flight was not acknowledged within %s; it is sent again on the next start", STOP_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The slot is created before any write is accepted, so not even the first event can slip past capture. It is a
     * failover slot (PostgreSQL 17): standbys that synchronise slots keep it, so after a failover the relay resumes on
     * the new primary where it stopped.
     */
    private void ensureSlot() {
        try (Connection connection = connect();
             PreparedStatement create = connection.prepareStatement("select pg_create_logical_replication_slot(?, 'pgoutput', false, false, true)"
                     + " where not exists (select 1 from pg_replication_slots where slot_name = ?)")) {
            create.setString(1, config.slotName());
            create.setString(2, config.slotName());
            create.execute();
            captureReady = true;
        } catch (SQLException e) {
            if (ALREADY_EXISTS.equals(e.getSQLState())) {
                captureReady = true; // another replica won the race
            } else {
                throw new IllegalStateException("cannot create replication slot " + config.slotName(), e);
            }
        }
    }

    private void supervise() {
        while (wanted) {
            try (Connection lock = connect()) {
                if (tryLock(lock)) {
                    runEngine(lock);
                } else {
                    state.set(RelayState.STANDBY);
                    sleep(config.standbyPoll().toMillis());
                    continue;
                }
            } catch (SQLException e) {
                LOG.warnf("Event relay cannot reach PostgreSQL: %s", e.getMessage());
                state.set(RelayState.FAILED);
            }
            if (wanted) {
                sleep(config.retryBackoff().toMillis());
            }
        }
    }

    private boolean tryLock(Connection lock) throws SQLException {
        try (PreparedStatement statement = lock.prepareStatement("select pg_try_advisory_lock(hashtext('allyledger-relay'), hashtext(?))")) {
            statement.setString(1, config.slotName());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Runs the engine until it stops; the lock's session ends with the connection, releasing it. */
    private void runEngine(Connection lock) {
        DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> created = DebeziumEngine.create(Connect.class)
                .using(engineProperties())
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        state.set(RelayState.PUBLISHING);
                        LOG.infof("Event relay publishing from slot %s", config.slotName());
                    }
                })
                .using((success, message, error) -> {
                    if (!success && wanted) {
                        state.set(RelayState.FAILED);
                        LOG.errorf(error, "Event relay stopped: %s; retrying in %s", message, config.retryBackoff());
                    }
                })
                .notifying(this::publish)
                .build();
        engine.set(created);
        ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "event-relay-monitor"));
        monitor.scheduleWithFixedDelay(() -> watchSlot(lock), 0, 10, TimeUnit.SECONDS);
        try {
            if (wanted) {
                created.run();
            }
        } finally {
            monitor.shutdownNow();
            closeEngine();
        }
    }

    /** Measures WAL the slot retains, and stops publishing if the lock's session is gone. */
    private void watchSlot(Connection lock) {
        try (PreparedStatement statement = lock.prepareStatement("select pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)"
                + " from pg_replication_slots where slot_name = ?")) {
            statement.setString(1, config.slotName());
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    retainedWalBytes.set(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            LOG.warnf("Event relay lost its lock session (%s); stopping the engine", e.getMessage());
            closeEngine();
        }
    }

    private void publish(List<ChangeEvent<SourceRecord, SourceRecord>> records,
                         DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer) throws InterruptedException {
        batchInFlight.lockInterruptibly();
        try {
            if (!wanted) {
                // nothing of it is sent or committed: the batch stays in the slot for the next start
                throw new InterruptedException("the event relay is stopping");
            }
            sendAndCommit(records, committer);
        } finally {
            batchInFlight.unlock();
        }
    }

    private void sendAndCommit(List<ChangeEvent<SourceRecord, SourceRecord>> records,
                               DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer) throws InterruptedException {
        List<CompletableFuture<Void>> acks = new ArrayList<>(records.size());
        for (ChangeEvent<SourceRecord, SourceRecord> record : records) {
            SourceRecord routed = record.value();
            if (routed == null || routed.value() == null) {
                continue;
            }
            CompletableFuture<Void> ack = new CompletableFuture<>();
            String type = header(routed, CloudEventHeaders.TYPE);
            Span span = publishSpan(routed);
            String traceparent = TraceContext.traceparent(span);
            Instant eventTime = eventTime(routed);
            emitter.send(Message.of(forms.publish(type, routed.value().toString()))
                    .addMetadata(CloudEventRecords.metadata(routed, config.source(),
                            traceparent != null ? traceparent : header(routed, TraceContext.HEADER)))
                    .withAck(() -> {
                        span.end();
                        if (eventTime != null) {
                            delay.record(Duration.between(eventTime, Instant.now()));
                        }
                        ack.complete(null);
                        return DONE;
                    })
                    .withNack(failure -> {
                        span.recordException(failure).setStatus(StatusCode.ERROR);
                        span.end();
                        ack.completeExceptionally(failure);
                        return DONE;
                    }));
            acks.add(ack);
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // nothing of the batch is committed: the engine restarts from the last committed offset
            throw new IllegalStateException("Kafka did not acknowledge a batch of " + acks.size() + " events", e);
        }
        for (ChangeEvent<SourceRecord, SourceRecord> record : records) {
            committer.markProcessed(record);
        }
        committer.markBatchFinished();
        published.increment(acks.size());
    }

    /**
     * The record's send span (OpenTelemetry messaging conventions), a child of the append that wrote the event: the
     * stored traceparent continues the request's trace. It ends when Kafka acknowledges the record.
     */
    private Span publishSpan(SourceRecord routed) {
        return tracer.spanBuilder("send " + routed.topic())
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(TraceContext.parent(header(routed, TraceContext.HEADER)))
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.name", "send")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", routed.topic())
                .setAttribute("messaging.message.id", String.valueOf(header(routed, "id")))
                .setAttribute("cloudevents.event_type", String.valueOf(header(routed, CloudEventHeaders.TYPE)))
                .startSpan();
    }

    private static String header(SourceRecord routed, String name) {
        org.apache.kafka.connect.header.Header header = routed.headers().lastWithName(name);
        return header == null || header.value() == null ? null : String.valueOf(header.value());
    }

    private static Instant eventTime(SourceRecord routed) {
        String time = header(routed, CloudEventHeaders.TIME);
        try {
            return time == null ? null : OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private Properties engineProperties() {
        Properties properties = new Properties();
        for (String name : allConfig.getPropertyNames()) {
            if (name.startsWith(ENGINE_PREFIX)) {
                allConfig.getOptionalValue(name, String.class)
                        .ifPresent(value -> properties.setProperty(name.substring(ENGINE_PREFIX.length()), value));
            }
        }
        properties.setProperty("transforms.events.route.topic.replacement", Topics.ROUTER_TOPIC_PATTERN);
        return properties;
    }

    private void closeEngine() {
        DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> running = engine.getAndSet(null);
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                LOG.warn("Event relay engine did not close cleanly", e);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

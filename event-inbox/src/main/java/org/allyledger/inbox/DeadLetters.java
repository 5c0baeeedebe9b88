package org.allyledger.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.allyledger.api.Problem;
import org.allyledger.api.ProblemException;
import org.allyledger.domain.Rejections;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The records this service's consumers dead-lettered: listed for operators, and re-driven through the same inbox
 * once the cause is fixed (idempotently: an event applied before is not applied again). Their number and the age of
 * the oldest, per consumer, are the gauges {@code allyledger.dead.letters} and {@code allyledger.dead.letters.oldest.age}.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final String COLUMNS = "id, consumer, topic, kafka_partition, kafka_offset, record_timestamp, record_key, record_value,"
            + " record_headers, reason, attempts, status, first_failed_at, last_failed_at, redriven_at";
    public static final String DEAD = "DEAD";
    public static final String REDRIVEN = "REDRIVEN";

    private static final Map<String, String> INBOX_COUNTERS = Map.of(
            "allyledger.inbox.applied", "Events the consumer applied (each once)",
            "allyledger.inbox.duplicates", "Events delivered again that the consumer had applied already, so changed nothing",
            "allyledger.inbox.dead.lettered", "Records the consumer dead-lettered");

    private final Pool pool;
    private final Map<String, InboxConsumer> consumers = new TreeMap<>();
    private final MeterRegistry metrics;
    private final Map<String, Open> open = new ConcurrentHashMap<>();

    /** The dead letters a consumer has not had re-driven: how many, and when the oldest failed (epoch ms, 0 for none). */
    private record Open(long count, long oldestMillis) {
        static final Open NONE = new Open(0, 0);
    }

    /** A dead letter as an operator sees it; key, value and headers decoded as UTF-8 text. */
    public record DeadLetter(long id, String consumer, String topic, int partition, long offset, OffsetDateTime recordTimestamp,
                             String key, String value, Map<String, String> headers, String reason, int attempts, String status,
                             OffsetDateTime firstFailedAt, OffsetDateTime lastFailedAt, OffsetDateTime redrivenAt) {
    }

    public record Page(List<DeadLetter> items, String next) {
    }

    /** What re-driving a consumer's dead letters did. */
    public record RedriveSummary(String consumer, int redriven, int stillDead) {
    }

    public DeadLetters(Pool pool, @Any Instance<InboxConsumer> consumers, MeterRegistry metrics) {
        this.pool = pool;
        consumers.forEach(consumer -> this.consumers.put(consumer.name(), consumer));
        this.metrics = metrics;
    }

    void registerGauges(@Observes StartupEvent started) {
        for (String consumer : consumers.keySet()) {
            // the inbox's counters exist from the start, at 0, so that a rate or an alert on them has a series to read
            INBOX_COUNTERS.forEach((counter, description) ->
                    Counter.builder(counter).description(description).tag("consumer", consumer).register(metrics));
            Gauge.builder("allyledger.dead.letters", open, gauges -> gauges.getOrDefault(consumer, Open.NONE).count())
                    .description("Records the consumer dead-lettered and that have not been re-driven")
                    .tag("consumer", consumer).register(metrics);
            TimeGauge.builder("allyledger.dead.letters.oldest.age", open, TimeUnit.MILLISECONDS, gauges -> {
                        long oldest = gauges.getOrDefault(consumer, Open.NONE).oldestMillis();
                        return oldest == 0 ? 0 : Math.max(0, System.currentTimeMillis() - oldest);
                    })
                    .description("How long the oldest dead letter not re-driven has waited")
                    .tag("consumer", consumer).register(metrics);
        }
        refresh().subscribe().with(done -> { }, failure -> LOG.debugf("dead-letter gauges not read yet: %s", failure.getMessage()));
    }

    void onRecorded(@Observes Inbox.DeadLetterRecorded recorded) {
        refresh().subscribe().with(done -> { }, failure -> LOG.debugf("dead-letter gauges not refreshed: %s", failure.getMessage()));
    }

    /** Other replicas dead-letter and re-drive too: the gauges follow the table. */
    // never while the service stops: its database pool closes before its scheduler does
    @Scheduled(every = "15s", delayed = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refresh() {
        return pool.query("select consumer, count(*), min(first_failed_at) from dead_letters where status = 'DEAD' group by consumer")
                .execute().invoke(rows -> {
                    Map<String, Open> now = new ConcurrentHashMap<>();
                    for (Row row : rows) {
                        now.put(row.getString(0), new Open(row.getLong(1), row.getOffsetDateTime(2).toInstant().toEpochMilli()));
                    }
                    consumers.keySet().forEach(consumer -> open.put(consumer, now.getOrDefault(consumer, Open.NONE)));
                }).replaceWithVoid();
    }

    /** The consumers of this service, by name. */
    public Map<String, InboxConsumer> consumers() {
        return consumers;
    }

    /** Dead letters oldest first, of one consumer and status where named; {@code after} is the previous page's last id. */
    public Uni<Page> list(String consumer, String status, long after, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from dead_letters where id > $1 and ($2::text is null or consumer = $2)"
                        + " and ($3::text is null or status = $3) order by id limit $4")
                .execute(Tuple.of(after, consumer, status, limit + 1)).map(rows -> {
                    List<DeadLetter> items = new ArrayList<>();
                    for (Row row : rows) {
                        items.add(view(row));
                    }
                    if (items.size() <= limit) {
                        return new Page(items, null);
                    }
                    List<DeadLetter> page = items.subList(0, limit);
                    return new Page(List.copyOf(page), Long.toString(page.get(limit - 1).id()));
                });
    }

    public Uni<DeadLetter> get(long id) {
        return stored(id).map(row -> view(row));
    }

    /**
     * Applies a dead letter through its consumer's inbox. Applied (or found applied before): it is marked re-driven.
     * Failing still: it stays dead with the new reason, and the answer is a {@code 422} problem naming it.
     */
    public Uni<DeadLetter> redrive(long id) {
        return stored(id).flatMap(row -> {
            if (REDRIVEN.equals(row.getString("status"))) {
                return Uni.createFrom().item(view(row));
            }
            return attempt(row).flatMap(applied -> {
                if (!applied) {
                    return get(id).invoke(still -> {
                        throw new ProblemException(Problem.of(422, "redrive-failed", "The record still cannot be applied",
                                "Dead letter " + id + " failed again: " + still.reason()));
                    });
                }
                return get(id);
            });
        });
    }

    /** Re-drives every dead letter of a consumer that has not been re-driven, oldest first, one at a time. */
    public Uni<RedriveSummary> redriveAll(String consumer) {
        consumer(consumer);
        return pool.preparedQuery("select " + COLUMNS + " from dead_letters where consumer = $1 and status = 'DEAD' order by id")
                .execute(Tuple.of(consumer)).flatMap(rows -> {
                    List<Row> dead = new ArrayList<>();
                    rows.forEach(dead::add);
                    return io.smallrye.mutiny.Multi.createFrom().iterable(dead)
                            .onItem().transformToUniAndConcatenate(this::attempt)
                            .collect().asList()
                            .map(outcomes -> {
                                int redriven = (int) outcomes.stream().filter(Boolean::booleanValue).count();
                                return new RedriveSummary(consumer, redriven, outcomes.size() - redriven);
                            });
                });
    }

    private Uni<Boolean> attempt(Row row) {
        long id = row.getLong("id");
        InboxConsumer consumer = consumer(row.getString("consumer"));
        return consumer.redrive(record(row))
                .chain(() -> pool.preparedQuery("update dead_letters set status = 'REDRIVEN', redriven_at = now() where id = $1")
                        .execute(Tuple.of(id)))
                .map(done -> true)
                .onFailure(DeadLetteredException.class).recoverWithItem(false)
                .call(() -> refresh());
    }

    private InboxConsumer consumer(String name) {
        return Optional.ofNullable(consumers.get(name)).orElseThrow(() -> Rejections.notFound("consumer", name));
    }

    private Uni<Row> stored(long id) {
        return pool.preparedQuery("select " + COLUMNS + " from dead_letters where id = $1").execute(Tuple.of(id)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                throw Rejections.notFound("dead letter", Long.toString(id));
            }
            return rows.iterator().next();
        });
    }

    /** The record as Kafka delivered it, for the consumer to apply again. */
    private static ConsumerRecord<String, String> record(Row row) {
        Headers headers = DeadLetterHeaders.read(row.getString("record_headers"));
        return new ConsumerRecord<>(row.getString("topic"), row.getInteger("kafka_partition"), row.getLong("kafka_offset"),
                row.getOffsetDateTime("record_timestamp").toInstant().toEpochMilli(), TimestampType.CREATE_TIME,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, text(row, "record_key"), text(row, "record_value"), headers,
                Optional.empty());
    }

    private static DeadLetter view(Row row) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : DeadLetterHeaders.read(row.getString("record_headers"))) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return new DeadLetter(row.getLong("id"), row.getString("consumer"), row.getString("topic"), row.getInteger("kafka_partition"),
                row.getLong("kafka_offset"), row.getOffsetDateTime("record_timestamp"), text(row, "record_key"), text(row, "record_value"),
                headers, row.getString("reason"), row.getInteger("attempts"), row.getString("status"),
                row.getOffsetDateTime("first_failed_at"), row.getOffsetDateTime("last_failed_at"), row.getOffsetDateTime("redriven_at"));
    }

    private static String text(Row row, String column) {
        io.vertx.mutiny.core.buffer.Buffer bytes = row.getBuffer(column);
        return bytes == null ? null : new String(bytes.getBytes(), StandardCharsets.UTF_8);
    }
}

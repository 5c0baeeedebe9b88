package org.allyledger.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.allyledger.contracts.published.PublishedEvent;
import org.allyledger.contracts.published.PublishedTypes;
import java.util.Optional;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.allyledger.api.telemetry.TraceContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.core.buffer.Buffer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.allyledger.api.Failures;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Applies each event once per consumer: the event id is recorded in the same transaction as the change,
 * and a redelivered event finds its id and changes nothing. Every record ends applied, skipped (an unknown type) or
 * dead-lettered: a failure that passes by itself (the database down, a deadlock) is retried until it passes; one
 * that recurs on the same record (unreadable, bad data the database refuses, a broken constraint) is recorded in
 * {@code dead_letters} with its reason at once, and so is one of no known kind that fails {@value #ATTEMPTS} times.
 * The channel then sends it to its dead-letter topic and goes on. While the service stops, a failure is neither retried
 * nor dead-lettered: the pool closes under the consumers, and what they were applying is left unacknowledged, for the
 * next start to apply. A batch that begins while the pool is still open is applied as ever, so that a rebuild's last
 * batch completes and its progress is recorded.
 */
@ApplicationScoped
public class Inbox {
    private static final Logger LOG = Logger.getLogger(Inbox.class);
    /** Attempts at a record whose failure is of no known kind before it is dead-lettered. */
    static final int ATTEMPTS = 5;
    private static final int MAX_REASON = 2000;
    private static final String POSITION = "insert into projection_positions (consumer, topic, kafka_partition, kafka_offset, event_time, applied)"
            + " values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (consumer, topic, kafka_partition) do update"
            + " set kafka_offset = greatest(projection_positions.kafka_offset, excluded.kafka_offset),"
            + " event_time = excluded.event_time, applied = projection_positions.applied + excluded.applied, updated_at = now()";
    /** A batch's event ids in one statement of one shape, whatever the batch's size: those recorded before come back not. */
    private static final String FIRST_DELIVERIES = "insert into consumed_events (consumer, event_id, event_type, topic, kafka_partition, kafka_offset)"
            + " select ?1, e.event_id, e.event_type, e.topic, e.kafka_partition, e.kafka_offset"
            + " from unnest(?2::uuid[], ?3::text[], ?4::text[], ?5::integer[], ?6::bigint[]) as e(event_id, event_type, topic, kafka_partition, kafka_offset)"
            + " on conflict do nothing returning event_id";
    private static final String DEAD_LETTER = "insert into dead_letters (consumer, topic, kafka_partition, kafka_offset, record_timestamp,"
            + " record_key, record_value, record_headers, reason) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
            + " on conflict (consumer, topic, kafka_partition, kafka_offset) do update set reason = excluded.reason,"
            + " attempts = dead_letters.attempts + 1, status = 'DEAD', last_failed_at = now(), redriven_at = null";

    private static final Supplier<Uni<Void>> NO_SCOPE = () -> Uni.createFrom().voidItem();

    private final Pool pool;
    private final ObjectMapper json;
    private final ObjectMapper contracts;
    private final MeterRegistry metrics;
    private final Event<DeadLetterRecorded> recorded;
    private final Tracer tracer;
    /** Events skipped in transactions not yet committed: not counted as applied when they commit. */
    private final Set<UUID> skipped = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /** Without tracing: for reading contracts outside a service. */
    public Inbox(Pool pool, ObjectMapper json, MeterRegistry metrics, Event<DeadLetterRecorded> recorded) {
        this(pool, json, metrics, recorded, OpenTelemetry.noop().getTracer(Inbox.class.getName()));
    }

    @Inject
    public Inbox(Pool pool, ObjectMapper json, MeterRegistry metrics, Event<DeadLetterRecorded> recorded, Tracer tracer) {
        this.tracer = tracer;
        this.pool = pool;
        this.json = json;
        // the service's strict text and date rules, but fields added to a contract later are read past, never refused
        this.contracts = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.metrics = metrics;
        this.recorded = recorded;
    }

    /** The pool closes after this, while the channels may still deliver records. */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Raised after a dead letter is recorded, for the dead-letter gauges. */
    public record DeadLetterRecorded(String consumer) {
    }

    /**
     * @param consumer  the projection's name; each records its own progress
     * @param apply     the change for a new event, run inside the transaction
     */
    public Uni<Void> process(String consumer, ConsumerRecord<String, String> record, Function<InboundEvent, Uni<Void>> apply) {
        return process(consumer, record, NO_SCOPE, apply);
    }

    /**
     * As {@link #process(String, ConsumerRecord, Function)}, with {@code scope} run first in the transaction: where the
     * consumer's tables are (its inbox included) and what it must wait for.
     *
     * @return a failure only with {@link DeadLetteredException}, once the record is recorded as a dead letter
     */
    public Uni<Void> process(String consumer, ConsumerRecord<String, String> record, Supplier<Uni<Void>> scope,
                             Function<InboundEvent, Uni<Void>> apply) {
        InboundEvent event;
        try {
            event = InboundEvent.from(record, json);
        } catch (MalformedEventException e) {
            return deadLetter(consumer, record, scope, e);
        }
        return retried(consumer, event.id().toString(), transaction(scope, () -> applyAll(consumer, List.of(event), apply)))
                .onFailure().recoverWithUni(failure -> deadLetter(consumer, record, scope, failure));
    }

    /** A record the inbox dead-lettered, and why. */
    public record DeadLettered(ConsumerRecord<String, String> record, String reason) {
    }

    /**
     * Applies what one poll brought, in order, in one transaction: the batch's event ids are recorded in one statement
     * (those already there are the redelivered ones, not applied again), each new event is applied, and the position of
     * each partition is written once. An unreadable record is dead-lettered on its own. Where the batch fails with a
     * failure that recurs, it is rolled back and its records are applied one transaction each, so that only the record
     * at fault is dead-lettered.
     *
     * @return the records dead-lettered, for the channel to send to its dead-letter topic
     */
    public Uni<List<DeadLettered>> processBatch(String consumer, List<ConsumerRecord<String, String>> records, Supplier<Uni<Void>> scope,
                                                Function<InboundEvent, Uni<Void>> apply) {
        List<InboundEvent> events = new ArrayList<>(records.size());
        List<ConsumerRecord<String, String>> unreadable = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.add(InboundEvent.from(record, json));
            } catch (MalformedEventException e) {
                unreadable.add(record);
            }
        }
        Uni<Void> batch = events.isEmpty() ? Uni.createFrom().voidItem() : transaction(scope, () -> applyAll(consumer, events, apply));
        Uni<List<DeadLettered>> applied = retried(consumer, "a batch of " + events.size(), batch)
                .chain(() -> eachOnItsOwn(consumer, unreadable, scope, apply));
        return applied.onFailure().recoverWithUni(() -> eachOnItsOwn(consumer, records, scope, apply));
    }

    /** A consumer's transaction: {@code scope} first, then the work, its writes sent together before the commit. */
    private Uni<Void> transaction(Supplier<Uni<Void>> scope, Supplier<Uni<Void>> work) {
        return WriteBatch.inTransaction(pool, () -> scope.get().chain(work::get));
    }

    /** Each record in a transaction of its own, in order: those that fail are dead-lettered. */
    private Uni<List<DeadLettered>> eachOnItsOwn(String consumer, List<ConsumerRecord<String, String>> records, Supplier<Uni<Void>> scope,
                                                 Function<InboundEvent, Uni<Void>> apply) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Multi.createFrom().iterable(records)
                .onItem().transformToUniAndConcatenate(record -> process(consumer, record, scope, apply)
                        .replaceWith(Optional.<DeadLettered>empty())
                        .onFailure(DeadLetteredException.class)
                        .recoverWithItem(failure -> Optional.of(new DeadLettered(record, failure.getMessage()))))
                .filter(Optional::isPresent).map(Optional::get)
                .collect().asList();
    }

    /** Inside the batch's transaction: which events are new, in one statement; each new one applied in order; positions once. */
    private Uni<Void> applyAll(String consumer, List<InboundEvent> events, Function<InboundEvent, Uni<Void>> apply) {
        return firstDeliveries(consumer, events).chain(fresh -> {
            // an event published twice may arrive twice in one batch: the first is applied
            List<InboundEvent> toApply = events.stream().filter(event -> fresh.remove(event.id())).toList();
            if (toApply.size() < events.size()) {
                metrics.counter("allyledger.inbox.duplicates", "consumer", consumer).increment(events.size() - toApply.size());
            }
            // a stream, not a chain of Unis: most changes are only queued and complete at once, which would nest a call per event
            return Multi.createFrom().iterable(toApply).onItem().transformToUniAndConcatenate(event -> {
                        // events of one type and distinct streams, one after the other, share their set statements
                        WriteBatch batch = WriteBatch.current();
                        if (batch != null) {
                            batch.beginEvent(event.type(), event.subject());
                        }
                        return apply.apply(event);
                    })
                    .collect().last()
                    .chain(() -> advanceAll(consumer, events, toApply))
                    .invoke(() -> {
                        long skippedHere = toApply.stream().filter(event -> skipped.remove(event.id())).count();
                        metrics.counter("allyledger.inbox.applied", "consumer", consumer).increment(toApply.size() - skippedHere);
                    });
        });
    }

    /**
     * The live apply of each event as a process span (OpenTelemetry messaging conventions) that continues the trace of
     * the record's send span, so one trace runs from the request to every consumer; the consumer's name is its group.
     */
    public Function<InboundEvent, Uni<Void>> traced(String consumer, Function<InboundEvent, Uni<Void>> apply) {
        return event -> {
            Span span = messagingSpan("process", "process", consumer, event.topic(), event.partition(), event.offset())
                    .setParent(TraceContext.parent(event.traceparent()))
                    .setAttribute("messaging.message.id", event.id().toString())
                    .setAttribute("cloudevents.event_type", event.type())
                    .startSpan();
            return apply.apply(event).onTermination().invoke((done, failure, cancelled) -> {
                if (failure != null) {
                    span.recordException(failure).setStatus(StatusCode.ERROR);
                }
                span.end();
            });
        };
    }

    /**
     * A replay of records (a rebuild) is not part of the traces that wrote them: one process span for the batch, in a
     * trace of its own, linked to each record's send span.
     */
    public Span replaySpan(String consumer, List<ConsumerRecord<String, String>> records) {
        ConsumerRecord<String, String> first = records.get(0);
        SpanBuilder span = messagingSpan("process", "process", consumer, first.topic(), first.partition(), first.offset())
                .setNoParent()
                .setAttribute("messaging.batch.message_count", records.size());
        for (ConsumerRecord<String, String> record : records) {
            SpanContext sent = Span.fromContext(TraceContext.parent(InboundEvent.traceparent(record))).getSpanContext();
            if (sent.isValid()) {
                span.addLink(sent);
            }
        }
        return span.startSpan();
    }

    private SpanBuilder messagingSpan(String operation, String type, String consumer, String topic,
                                                                int partition, long offset) {
        return tracer.spanBuilder(operation + " " + topic)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.name", operation)
                .setAttribute("messaging.operation.type", type)
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.destination.partition.id", Integer.toString(partition))
                .setAttribute("messaging.kafka.offset", offset)
                .setAttribute("messaging.consumer.group.name", consumer);
    }

    /** Records the events' ids; answers those that were not recorded before (an id twice in the batch counts once). */
    private static Uni<Set<UUID>> firstDeliveries(String consumer, List<InboundEvent> events) {
        Map<UUID, InboundEvent> distinct = new LinkedHashMap<>();
        for (InboundEvent event : events) {
            distinct.putIfAbsent(event.id(), event);
        }
        int n = distinct.size();
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        String[] topics = new String[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        int i = 0;
        for (InboundEvent event : distinct.values()) {
            ids[i] = event.id();
            types[i] = event.type();
            topics[i] = event.topic();
            partitions[i] = event.partition();
            offsets[i++] = event.offset();
        }
        return Sql.rows(FIRST_DELIVERIES, consumer, ids, types, topics, partitions, offsets).map(rows -> {
            Set<UUID> fresh = new HashSet<>();
            for (Object[] row : rows) {
                fresh.add((UUID) row[0]);
            }
            return fresh;
        });
    }

    /** The furthest position of each partition in the batch and the events applied in it, written once per partition. */
    private static Uni<Void> advanceAll(String consumer, List<InboundEvent> events, List<InboundEvent> applied) {
        Map<String, InboundEvent> furthest = new LinkedHashMap<>();
        for (InboundEvent event : events) {
            furthest.merge(partitionOf(event), event, (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        Map<String, Long> appliedIn = applied.stream().collect(Collectors.groupingBy(Inbox::partitionOf, Collectors.counting()));
        return Multi.createFrom().iterable(furthest.values()).onItem()
                .transformToUniAndConcatenate(event -> advance(consumer, event.topic(), event.partition(), event.offset(), event.time(),
                        appliedIn.getOrDefault(partitionOf(event), 0L)))
                .collect().last().replaceWithVoid();
    }

    private static String partitionOf(InboundEvent event) {
        return event.topic() + "-" + event.partition();
    }

    /**
     * Records the record as a dead letter, and the position past it so that lag does not stay behind it, in one
     * transaction; then fails with {@link DeadLetteredException}, which the channel sends to its dead-letter topic.
     */
    private Uni<Void> deadLetter(String consumer, ConsumerRecord<String, String> record, Supplier<Uni<Void>> scope, Throwable failure) {
        String reason = reason(failure);
        // settling the record as a dead letter, in the trace that sent it; the log line carries its trace and span ids
        Span span = messagingSpan("dead_letter", "settle", consumer, record.topic(), record.partition(), record.offset())
                .setParent(TraceContext.parent(InboundEvent.traceparent(record)))
                .setAttribute("allyledger.dead_letter.reason", reason)
                .startSpan()
                .setStatus(StatusCode.ERROR, reason);
        try (Scope ignored = span.makeCurrent()) {
            LOG.warnf("%s dead-letters %s-%d@%d: %s", consumer, record.topic(), record.partition(), record.offset(), reason);
        }
        metrics.counter("allyledger.inbox.dead.lettered", "consumer", consumer).increment();
        if (failure instanceof MalformedEventException) {
            metrics.counter("allyledger.inbox.malformed", "consumer", consumer).increment();
        }
        return retried(consumer, "the dead letter of a record", WriteBatch.inTransaction(pool, () -> scope.get()
                .chain(() -> advance(consumer, record))
                .chain(() -> recordDeadLetter(consumer, record, reason))))
                .invoke(() -> recorded.fire(new DeadLetterRecorded(consumer)))
                .onTermination().invoke(span::end)
                .chain(() -> Uni.createFrom().failure(new DeadLetteredException(reason)));
    }

    private static Uni<Void> recordDeadLetter(String consumer, ConsumerRecord<String, String> record, String reason) {
        return Sql.update(DEAD_LETTER, consumer, record.topic(), record.partition(), record.offset(),
                OffsetDateTime.ofInstant(Instant.ofEpochMilli(Math.max(0, record.timestamp())), ZoneOffset.UTC),
                bytes(record.key()), bytes(record.value()), DeadLetterHeaders.write(record.headers()), reason);
    }

    private static Buffer bytes(String text) {
        return text == null ? null : Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Why a record was dead-lettered, as an operator reads it: the database's SQLSTATE where it refused. */
    static String reason(Throwable failure) {
        if (failure instanceof MalformedEventException) {
            return printable(failure.getMessage());
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String state = Failures.sqlState(cause);
            if (state != null) {
                return printable("the database refused it (SQLSTATE " + state + "): " + cause.getMessage());
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return printable(root.getClass().getSimpleName() + ": " + root.getMessage());
    }

    /** A reason is stored and sent as a header: no control characters, no unpaired surrogates, bounded. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        String source = String.valueOf(text);
        for (int i = 0; i < source.length() && out.length() < MAX_REASON; i++) {
            char c = source.charAt(i);
            out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        return out.toString();
    }

    /**
     * A failure that passes by itself is retried with backoff until it does, never skipped; one of no known kind is
     * tried {@value #ATTEMPTS} times; one that recurs on the same record is not retried.
     */
    private <T> Uni<T> retried(String consumer, String what, Uni<T> transaction) {
        return transaction
                .onFailure(failure -> stopping).recoverWithUni(() -> unsettled(consumer, what))
                .onFailure(Failures::isTransient)
                .invoke(failure -> LOG.warnf("%s could not apply %s (%s); retrying", consumer, what, failure.getMessage()))
                .onFailure(Failures::isTransient)
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .onFailure(Inbox::unclassified)
                .invoke(failure -> LOG.warnf("%s could not apply %s (%s); trying again", consumer, what, failure.toString()))
                .onFailure(Inbox::unclassified)
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(ATTEMPTS - 1);
    }

    /**
     * Neither acknowledged nor refused: the channel commits no offset past it, and the records are delivered again
     * after the restart (the inbox applies them once). A refusal would send them to the dead-letter topic.
     */
    private <T> Uni<T> unsettled(String consumer, String what) {
        LOG.infof("%s leaves %s to the next start: the service is stopping", consumer, what);
        metrics.counter("allyledger.inbox.left.unsettled", "consumer", consumer).increment();
        return Uni.createFrom().nothing();
    }

    private static boolean unclassified(Throwable failure) {
        return !(failure instanceof MalformedEventException) && Failures.classify(failure) == Failures.Kind.UNCLASSIFIED;
    }

    /**
     * The event as its published record when its type belongs to {@code family}; empty for a type the family does not
     * have (a newer producer's), which the consumer skips.
     *
     * @throws MalformedEventException if the data does not fit the record of its type
     */
    public <F extends PublishedEvent> Optional<F> published(InboundEvent event, Class<F> family) {
        Optional<Class<? extends PublishedEvent>> record = PublishedTypes.record(event.type()).filter(family::isAssignableFrom);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(family.cast(contracts.treeToValue(event.data(), record.get())));
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() != null && e.getCause() != e ? e.getCause() : e;
            String reason = cause instanceof JsonProcessingException json ? json.getOriginalMessage() : cause.getMessage();
            String field = e instanceof JsonMappingException mapping ? mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining(".")) : "";
            throw new MalformedEventException(event.type() + " does not fit its contract: " + (field.isEmpty() ? "" : field + " ") + reason);
        }
    }

    /**
     * For an event type this consumer does not know: a newer producer may publish types an older consumer has
     * never heard of. It is skipped, never failing the stream, and counted in {@code allyledger.projection.skipped}.
     */
    public Uni<Void> skip(String consumer, InboundEvent event) {
        metrics.counter("allyledger.projection.skipped", "projection", consumer, "type", event.type()).increment();
        skipped.add(event.id());
        return Uni.createFrom().voidItem();
    }

    /** The position past a record that could not be read: its time is when Kafka received it; nothing was applied. */
    private static Uni<Void> advance(String consumer, ConsumerRecord<String, String> record) {
        return advance(consumer, record.topic(), record.partition(), record.offset(),
                OffsetDateTime.ofInstant(Instant.ofEpochMilli(record.timestamp()), ZoneOffset.UTC), 0);
    }

    /** Records the position reached, duplicates included, and how many events were applied, for the operations view. */
    private static Uni<Void> advance(String consumer, String topic, int partition, long offset, OffsetDateTime time, long applied) {
        return Sql.update(POSITION, consumer, topic, partition, offset, time, applied);
    }
}

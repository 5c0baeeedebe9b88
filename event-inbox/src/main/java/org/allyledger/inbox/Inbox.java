package org.allyledger.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Applies each event once per consumer: the event id is recorded in the same transaction as the change,
 * and a redelivered event finds its id and changes nothing. Malformed events fail at once (the channel
 * sends them to its dead-letter topic); any other failure, such as the database being down, is retried
 * with backoff so that nothing is skipped.
 */
@ApplicationScoped
public class Inbox {
    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final String POSITION = "insert into projection_positions (consumer, topic, kafka_partition, kafka_offset, event_time)"
            + " values (:consumer, :topic, :partition, :offset, :time) on conflict (consumer, topic, kafka_partition) do update"
            + " set kafka_offset = greatest(projection_positions.kafka_offset, excluded.kafka_offset),"
            + " event_time = excluded.event_time, updated_at = now()";
    private static final String RECORD = "insert into consumed_events (consumer, event_id, event_type, topic, kafka_partition, kafka_offset)"
            + " values (:consumer, :eventId, :eventType, :topic, :partition, :offset) on conflict do nothing";

    private static final Supplier<Uni<Void>> NO_SCOPE = () -> Uni.createFrom().voidItem();

    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public Inbox(ObjectMapper json, MeterRegistry metrics) {
        this.json = json;
        this.metrics = metrics;
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
     */
    public Uni<Void> process(String consumer, ConsumerRecord<String, String> record, Supplier<Uni<Void>> scope,
                             Function<InboundEvent, Uni<Void>> apply) {
        InboundEvent event;
        try {
            event = InboundEvent.from(record, json);
        } catch (MalformedEventException e) {
            return passOver(consumer, record, scope, e);
        }
        return retried(consumer, event.id().toString(), Panache.withTransaction(() -> scope.get().chain(() -> handle(consumer, event, apply))))
                .onFailure(MalformedEventException.class)
                .recoverWithUni(failure -> passOver(consumer, record, scope, (MalformedEventException) failure));
    }

    /**
     * Applies records in order in one transaction, for a consumer catching up on a long log: one commit for many
     * records. Malformed records are passed over (counted, position recorded); the answer is how many. Where
     * {@code apply} finds a record malformed only once it reads it, the batch is rolled back and its records are
     * applied one transaction each.
     */
    public Uni<Integer> processBatch(String consumer, List<ConsumerRecord<String, String>> records, Supplier<Uni<Void>> scope,
                                     Function<InboundEvent, Uni<Void>> apply) {
        List<InboundEvent> events = new ArrayList<>(records.size());
        int unreadable = 0;
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.add(InboundEvent.from(record, json));
            } catch (MalformedEventException e) {
                events.add(null);
                unreadable++;
            }
        }
        int malformed = unreadable;
        Uni<Void> batch = Panache.withTransaction(() -> scope.get().chain(() -> Multi.createFrom().range(0, records.size())
                .onItem().transformToUniAndConcatenate(i -> events.get(i) == null
                        ? advance(consumer, records.get(i)) : handle(consumer, events.get(i), apply).chain(Inbox::startAfresh))
                .collect().last().replaceWithVoid()));
        return retried(consumer, "a batch of " + records.size(), batch)
                .invoke(() -> metrics.counter("allyledger.inbox.malformed", "consumer", consumer).increment(malformed))
                .replaceWith(malformed)
                .onFailure(MalformedEventException.class).recoverWithUni(() -> Multi.createFrom().iterable(records)
                        .onItem().transformToUniAndConcatenate(record -> process(consumer, record, scope, apply)
                                .replaceWith(0)
                                .onFailure(MalformedEventException.class).recoverWithItem(1))
                        .collect().with(Collectors.summingInt(Integer::intValue)));
    }

    /**
     * A malformed record is passed over: counted, and its position recorded so that lag does not stay behind it;
     * the failure goes on to the channel, which sends the record to its dead-letter topic.
     */
    private Uni<Void> passOver(String consumer, ConsumerRecord<String, String> record, Supplier<Uni<Void>> scope, MalformedEventException e) {
        metrics.counter("allyledger.inbox.malformed", "consumer", consumer).increment();
        return retried(consumer, "the position past a malformed record", Panache.withTransaction(() -> scope.get()
                .chain(() -> advance(consumer, record))))
                .chain(() -> Uni.createFrom().failure(e));
    }

    /** Inside the transaction: record the event, apply it if it is new, and advance the position either way. */
    private Uni<Void> handle(String consumer, InboundEvent event, Function<InboundEvent, Uni<Void>> apply) {
        return firstDelivery(consumer, event)
                .flatMap(first -> first ? apply.apply(event) : duplicate(consumer, event))
                .chain(() -> advance(consumer, event));
    }

    /**
     * Writes the event's changes and forgets the entities it loaded, so the next event of a batch starts with an empty
     * session as it would in a transaction of its own, and flushes do not grow with the batch.
     */
    private static Uni<Void> startAfresh() {
        return Panache.getSession().call(Mutiny.Session::flush).invoke(Mutiny.Session::clear).replaceWithVoid();
    }

    /** Failures other than a malformed event (the database down, say) are retried with backoff, never skipped. */
    private static <T> Uni<T> retried(String consumer, String what, Uni<T> transaction) {
        return transaction
                .onFailure(failure -> !(failure instanceof MalformedEventException))
                .invoke(failure -> LOG.warnf("%s could not apply %s (%s); retrying", consumer, what, failure.getMessage()))
                .onFailure(failure -> !(failure instanceof MalformedEventException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    private Uni<Boolean> firstDelivery(String consumer, InboundEvent event) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(RECORD)
                .setParameter("consumer", consumer)
                .setParameter("eventId", event.id())
                .setParameter("eventType", event.type())
                .setParameter("topic", event.topic())
                .setParameter("partition", event.partition())
                .setParameter("offset", event.offset())
                .executeUpdate()
                .map(inserted -> inserted == 1));
    }

    /**
     * For an event type this consumer does not know: a newer producer may publish types an older consumer has
     * never heard of. It is skipped, never failing the stream, and counted in {@code allyledger.projection.skipped}.
     */
    public Uni<Void> skip(String consumer, InboundEvent event) {
        metrics.counter("allyledger.projection.skipped", "projection", consumer, "type", event.type()).increment();
        return Uni.createFrom().voidItem();
    }

    /** Records the position reached, duplicates included, for the operations view of lag. */
    private static Uni<Void> advance(String consumer, InboundEvent event) {
        return advance(consumer, event.topic(), event.partition(), event.offset(), event.time());
    }

    /** The position past a record that could not be read: its time is when Kafka received it. */
    private static Uni<Void> advance(String consumer, ConsumerRecord<String, String> record) {
        return advance(consumer, record.topic(), record.partition(), record.offset(),
                OffsetDateTime.ofInstant(Instant.ofEpochMilli(record.timestamp()), ZoneOffset.UTC));
    }

    private static Uni<Void> advance(String consumer, String topic, int partition, long offset, OffsetDateTime time) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(POSITION)
                .setParameter("consumer", consumer)
                .setParameter("topic", topic)
                .setParameter("partition", partition)
                .setParameter("offset", offset)
                .setParameter("time", time)
                .executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> duplicate(String consumer, InboundEvent event) {
        metrics.counter("allyledger.inbox.duplicates", "consumer", consumer).increment();
        return Uni.createFrom().voidItem();
    }
}

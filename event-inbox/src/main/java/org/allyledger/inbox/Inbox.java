package org.allyledger.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Function;

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
        InboundEvent event;
        try {
            event = InboundEvent.from(record, json);
        } catch (MalformedEventException e) {
            metrics.counter("allyledger.inbox.malformed", "consumer", consumer).increment();
            return Uni.createFrom().failure(e);
        }
        return Panache.withTransaction(() -> firstDelivery(consumer, event)
                        .flatMap(first -> first ? apply.apply(event) : duplicate(consumer, event))
                        .chain(() -> advance(consumer, event)))
                .onFailure(failure -> !(failure instanceof MalformedEventException))
                .invoke(failure -> LOG.warnf("%s could not apply %s (%s); retrying", consumer, event.id(), failure.getMessage()))
                .onFailure(failure -> !(failure instanceof MalformedEventException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .onFailure(MalformedEventException.class)
                .invoke(failure -> metrics.counter("allyledger.inbox.malformed", "consumer", consumer).increment());
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
        return Panache.getSession().flatMap(session -> session.createNativeQuery(POSITION)
                .setParameter("consumer", consumer)
                .setParameter("topic", event.topic())
                .setParameter("partition", event.partition())
                .setParameter("offset", event.offset())
                .setParameter("time", event.time())
                .executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> duplicate(String consumer, InboundEvent event) {
        metrics.counter("allyledger.inbox.duplicates", "consumer", consumer).increment();
        return Uni.createFrom().voidItem();
    }
}

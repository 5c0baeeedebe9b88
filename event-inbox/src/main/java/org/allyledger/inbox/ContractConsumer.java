package org.allyledger.inbox;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.allyledger.contracts.published.PublishedEvent;
import org.allyledger.contracts.published.PublishedTypes;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A consumer of one topic's published family of events, through the {@link Inbox}: each record is read as its contract
 * record and handed to {@link #project}, dispatched there by an exhaustive switch; a type the family does not have is
 * skipped and counted, one that does not fit its record is dead-lettered. A subclass names its channel, consumed in
 * batches ({@code batch=true}: what one poll brought, never waiting for more), with {@code @Incoming} on a method that
 * calls {@link #processBatch}.
 *
 * @param <F> the sealed family of the topic's published events
 */
public abstract class ContractConsumer<F extends PublishedEvent> implements InboxConsumer {
    private final String name;
    private final Class<F> family;
    private final Inbox inbox;

    /** @param name the consumer's name in the inbox, e.g. {@code recognition.people} */
    protected ContractConsumer(String name, Class<F> family, Inbox inbox) {
        this.name = name;
        this.family = family;
        this.inbox = inbox;
    }

    @Override
    public String name() {
        return name;
    }

    /** The topic of its family. */
    @Override
    public String topic() {
        return PublishedTypes.topic(family);
    }

    /** Changes what it keeps for a new event, inside the caller's transaction; unknown types are skipped. */
    public Uni<Void> apply(InboundEvent event) {
        return inbox.published(event, family).map(published -> project(published, event)).orElseGet(() -> inbox.skip(name, event));
    }

    /** The change one published event makes; {@code envelope} has its time, stream version and position. */
    protected abstract Uni<Void> project(F event, InboundEvent envelope);

    /**
     * The order in which a batch's records are applied: the offsets' own. A consumer whose changes to different streams
     * commute may answer {@link StreamWaves#order}, so that its set statements send a batch's events of a kind as one.
     */
    protected List<ConsumerRecord<String, String>> inApplyOrder(List<ConsumerRecord<String, String>> records) {
        return records;
    }

    /** What runs first in each transaction of its channel: where its tables are, what it must wait for. */
    protected Uni<Void> enterLive() {
        return Uni.createFrom().voidItem();
    }

    /**
     * Applies what one poll of its channel brought, in one transaction. A record that is dead-lettered is nacked on its
     * own, so that the channel's dead-letter strategy sends it to the dead-letter topic; then the batch is acknowledged.
     */
    protected Uni<Void> processBatch(KafkaRecordBatch<String, String> batch) {
        Map<ConsumerRecord<String, String>, KafkaRecord<String, String>> delivered = new IdentityHashMap<>();
        List<ConsumerRecord<String, String>> records = new ArrayList<>(batch.getRecords().size());
        for (KafkaRecord<String, String> message : batch.getRecords()) {
            ConsumerRecord<String, String> record = consumerRecord(message);
            delivered.put(record, message);
            records.add(record);
        }
        return inbox.processBatch(name, inApplyOrder(records), this::enterLive, inbox.traced(name, this::apply))
                .chain(deadLettered -> Multi.createFrom().iterable(deadLettered)
                        .onItem().transformToUniAndConcatenate(dead -> Uni.createFrom().completionStage(
                                () -> delivered.get(dead.record()).nack(new DeadLetteredException(dead.reason()))))
                        .collect().last())
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, String> consumerRecord(KafkaRecord<String, String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> (ConsumerRecord<String, String>) metadata.getRecord())
                .orElseThrow(() -> new IllegalStateException("a record of a Kafka channel carries its consumer record"));
    }

    /** A dead letter is re-driven as its channel applies a record. */
    @Override
    public Uni<Void> redrive(ConsumerRecord<String, String> record) {
        return inbox.process(name, record, this::enterLive, inbox.traced(name, this::apply));
    }
}

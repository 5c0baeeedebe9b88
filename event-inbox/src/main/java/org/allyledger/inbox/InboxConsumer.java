package org.allyledger.inbox;

import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A consumer that applies a topic through the {@link Inbox}: what a dead letter of it is re-driven through. */
public interface InboxConsumer {

    /** Its name in the inbox, e.g. {@code reporting.people}. */
    String name();

    /** The topic it reads. */
    String topic();

    /** Applies a record as its channel does: once, through the inbox; a record it cannot apply is dead-lettered again. */
    Uni<Void> redrive(ConsumerRecord<String, String> record);
}

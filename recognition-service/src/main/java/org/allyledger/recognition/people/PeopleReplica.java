package org.allyledger.recognition.people;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.allyledger.contracts.published.PeopleV1;
import org.allyledger.inbox.ContractConsumer;
import org.allyledger.inbox.Inbox;
import org.allyledger.inbox.InboundEvent;
import org.allyledger.inbox.people.PeopleTable;
import org.allyledger.writeapi.privacy.PersonalData;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps recognition's people table ({@link PeopleTable}) in step with the people topic. */
@Singleton
public class PeopleReplica extends ContractConsumer<PeopleV1> {
    public static final String CHANNEL = "people";
    public static final String NAME = "recognition.people";

    private final PersonalData personalData;

    public PeopleReplica(Inbox inbox, PersonalData personalData) {
        super(NAME, PeopleV1.class, inbox);
        this.personalData = personalData;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return processBatch(batch);
    }

    /** Whether the person is known and active here; the write side's rules ask this. */
    @WithSession
    public Uni<Boolean> isActive(String employeeId) {
        return PersonRow.<PersonRow>findById(employeeId).map(person -> person != null && person.active);
    }

    /**
     * An erasure destroys this service's key of the person too, so the citations, notes and reasons sealed under it can no
     * longer be read; replaying the event (a redelivery, a rebuild) destroys nothing more.
     */
    @Override
    protected Uni<Void> project(PeopleV1 event, InboundEvent envelope) {
        Uni<Void> keys = switch (event) {
            case PeopleV1.PersonalDataErased(var employeeId) -> personalData.erase(employeeId).replaceWithVoid();
            case PeopleV1.PersonRegistered e -> Uni.createFrom().voidItem();
            case PeopleV1.PersonUpdated e -> Uni.createFrom().voidItem();
            case PeopleV1.PersonDeparted e -> Uni.createFrom().voidItem();
        };
        return keys.chain(() -> PeopleTable.apply(event, envelope)).replaceWithVoid();
    }
}

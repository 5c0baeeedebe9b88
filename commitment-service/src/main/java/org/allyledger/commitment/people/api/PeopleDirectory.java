package org.allyledger.commitment.people.api;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.commitment.people.domain.PeopleStream;
import org.allyledger.commitment.people.domain.Person;
import org.allyledger.commitment.people.domain.PersonProfile;
import org.allyledger.eventstore.EventMetadata;
import org.allyledger.eventstore.EventStore;
import org.allyledger.eventstore.Loaded;

import java.util.OptionalLong;

/** The people directory's commands: load the person's stream, decide, append at the version read. */
@ApplicationScoped
public class PeopleDirectory {
    private final EventStore store;
    private final PeopleStream people;

    public PeopleDirectory(EventStore store, PeopleStream people) {
        this.store = store;
        this.people = people;
    }

    public record Upserted(Person person, long version, boolean created) {
    }

    /**
     * @param expectedVersion from {@code If-Match}: the write succeeds only if the person is still at it
     */
    public Uni<Upserted> upsert(String employeeId, PersonProfile profile, OptionalLong expectedVersion, EventMetadata metadata) {
        return store.load(people, employeeId).flatMap(loaded -> {
            var events = loaded.state().upsert(employeeId, profile);
            long expected = expectedVersion.orElse(loaded.version());
            return store.append(people, employeeId, expected, events, metadata)
                    .map(version -> new Upserted(people.applyAll(loaded.state(), events), version, loaded.isNew()));
        });
    }

    public Uni<Loaded<Person>> find(String employeeId) {
        return store.load(people, employeeId);
    }
}

package org.allyledger.commitment.people.api;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.domain.Rejections;
import org.allyledger.commitment.people.domain.PeopleStream;
import org.allyledger.commitment.people.domain.Person;
import org.allyledger.commitment.people.domain.PersonProfile;
import org.allyledger.eventstore.EventStore;
import org.allyledger.eventstore.Loaded;
import org.allyledger.eventstore.StreamAppend;
import org.allyledger.writeapi.CommandResult;
import org.allyledger.writeapi.Decision;

import java.time.LocalDate;
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

    /**
     * Registers or updates a person: {@code 201} when registered, {@code 200} when updated or unchanged (no event).
     *
     * @param expectedVersion from {@code If-Match}: the write succeeds only if the person is still at it
     */
    public Uni<Decision> upsert(String employeeId, PersonProfile profile, OptionalLong expectedVersion) {
        return store.load(people, employeeId).map(loaded -> {
            var events = loaded.state().upsert(employeeId, profile);
            var append = StreamAppend.of(people, employeeId, expectedVersion.orElse(loaded.version()), events);
            PersonResponse after = PersonResponse.of(people.applyAll(loaded.state(), events), append.newVersion());
            return Decision.of(append, loaded.isNew()
                    ? CommandResult.created(after, append.newVersion(), "/people/" + employeeId)
                    : CommandResult.ok(after, append.newVersion()));
        });
    }

    public Uni<Decision> depart(String employeeId, LocalDate departedOn, OptionalLong expectedVersion) {
        return store.load(people, employeeId).map(loaded -> {
            var events = loaded.state().depart(employeeId, departedOn);
            var append = StreamAppend.of(people, employeeId, expectedVersion.orElse(loaded.version()), events);
            Person after = people.applyAll(loaded.state(), events);
            return Decision.of(append, CommandResult.ok(PersonResponse.of(after, append.newVersion()), append.newVersion()));
        });
    }

    public Uni<Loaded<Person>> find(String employeeId) {
        return store.load(people, employeeId);
    }

    /** Fails unless the person is registered and has not departed; {@code field} names them in the problem. */
    public Uni<Person> requireActive(String employeeId, String field) {
        return find(employeeId).map(loaded -> {
            if (!loaded.state().active()) {
                throw Rejections.unprocessable(field, "is not an active person in the directory");
            }
            return loaded.state();
        });
    }
}

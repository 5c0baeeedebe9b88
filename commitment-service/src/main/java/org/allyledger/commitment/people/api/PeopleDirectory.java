package org.allyledger.commitment.people.api;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.domain.Rejections;
import org.allyledger.commitment.people.domain.PeopleStream;
import org.allyledger.commitment.people.domain.Person;
import org.allyledger.commitment.people.domain.PersonProfile;
import org.allyledger.writeapi.privacy.PersonalData;
import org.allyledger.eventstore.EventStore;
import org.allyledger.eventstore.Loaded;
import org.allyledger.eventstore.StreamAppend;
import org.allyledger.writeapi.CommandResult;
import org.allyledger.writeapi.Decision;

import java.time.Duration;
import java.time.LocalDate;
import java.util.OptionalLong;

/** The people directory's commands: load the person's stream, decide, append at the version read. */
@ApplicationScoped
public class PeopleDirectory {
    private static final Duration ACTIVE_CHECK_STALENESS = Duration.ofSeconds(1);
    private final EventStore store;
    private final PeopleStream people;
    private final PersonalData personalData;

    public PeopleDirectory(EventStore store, PeopleStream people, PersonalData personalData) {
        this.store = store;
        this.people = people;
        this.personalData = personalData;
    }

    /**
     * Registers or updates a person: {@code 201} when registered, {@code 200} when updated or unchanged (no event).
     *
     * @param expectedVersion from {@code If-Match}: the write succeeds only if the person is still at it
     */
    public Uni<Decision> upsert(String employeeId, PersonProfile profile, OptionalLong expectedVersion) {
        return personalData.sealing(employeeId).flatMap(text -> store.load(people, employeeId).map(loaded -> {
            // the name and email are stored sealed under the person's key; sealing is deterministic, so a resend changes nothing
            PersonProfile sealed = new PersonProfile(text.seal(profile.displayName()), text.seal(profile.email()), profile.department(),
                    profile.location(), profile.workModel(), profile.managerId(), profile.active());
            var events = loaded.state().upsert(employeeId, sealed);
            var append = StreamAppend.of(people, employeeId, expectedVersion.orElse(loaded.version()), events);
            PersonResponse after = PersonResponse.of(people.applyAll(loaded.state(), events), append.newVersion(), text);
            return Decision.of(append, loaded.isNew()
                    ? CommandResult.created(after, append.newVersion(), "/people/" + employeeId)
                    : CommandResult.ok(after, append.newVersion()));
        }));
    }

    /**
     * Erases the person's personal data: destroys their data key first (so no copy of their sealed name, email or text
     * can be read again, even if what follows fails), then records {@code PersonalDataErased}. Repeating it changes nothing.
     */
    public Uni<Decision> erase(String employeeId, OptionalLong expectedVersion) {
        return store.load(people, employeeId).flatMap(loaded -> {
            var events = loaded.state().erase(employeeId);
            return personalData.erase(employeeId).chain(() -> personalData.reading(employeeId)).map(text -> {
                var append = StreamAppend.of(people, employeeId, expectedVersion.orElse(loaded.version()), events);
                Person after = people.applyAll(loaded.state(), events);
                return Decision.of(append, CommandResult.ok(PersonResponse.of(after, append.newVersion(), text), append.newVersion()));
            });
        });
    }

    /** The person's directory entry as readers see it: name and email opened, or "erased person". */
    public Uni<PersonResponse> view(Loaded<Person> loaded) {
        return personalData.reading(loaded.state().employeeId()).map(text -> PersonResponse.of(loaded.state(), loaded.version(), text));
    }

    public Uni<Decision> depart(String employeeId, LocalDate departedOn, OptionalLong expectedVersion) {
        return store.load(people, employeeId).flatMap(loaded -> personalData.reading(employeeId).map(text -> {
            var events = loaded.state().depart(employeeId, departedOn);
            var append = StreamAppend.of(people, employeeId, expectedVersion.orElse(loaded.version()), events);
            Person after = people.applyAll(loaded.state(), events);
            return Decision.of(append, CommandResult.ok(PersonResponse.of(after, append.newVersion(), text), append.newVersion()));
        }));
    }

    public Uni<Loaded<Person>> find(String employeeId) {
        return store.load(people, employeeId);
    }

    /**
     * Fails unless the person is registered and has not departed; {@code field} names them in the problem. Reads the
     * directory as this service knew it up to a second ago (no round trip): a departure recorded by another replica
     * within that second is no different from one recorded a second later.
     */
    public Uni<Person> requireActive(String employeeId, String field) {
        return store.recent(people, employeeId, ACTIVE_CHECK_STALENESS).map(loaded -> {
            if (!loaded.state().active()) {
                throw Rejections.unprocessable(field, "is not an active person in the directory");
            }
            return loaded.state();
        });
    }
}

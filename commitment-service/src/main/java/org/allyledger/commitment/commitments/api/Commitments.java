package org.allyledger.commitment.commitments.api;

import org.allyledger.contracts.published.CommitmentsV1;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.domain.Rejections;
import org.allyledger.api.auth.Caller;
import org.allyledger.api.auth.Roles;
import org.allyledger.commitment.commitments.domain.ActionSource;
import org.allyledger.commitment.commitments.domain.Commitment;
import org.allyledger.commitment.commitments.domain.CommitmentEvent;
import org.allyledger.commitment.commitments.domain.CommitmentsStream;
import org.allyledger.commitment.commitments.domain.Visibility;
import org.allyledger.commitment.people.api.PeopleDirectory;
import org.allyledger.writeapi.privacy.PersonalData;
import org.allyledger.writeapi.privacy.PersonalText;
import org.allyledger.eventstore.EventStore;
import org.allyledger.eventstore.Loaded;
import org.allyledger.eventstore.StreamAppend;
import org.allyledger.eventstore.StreamPage;
import org.allyledger.writeapi.CommandResult;
import org.allyledger.writeapi.Decision;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.BiFunction;

/** The commitment commands and reads: load the stream, check who may act, decide, and say what to append. */
@ApplicationScoped
public class Commitments {
    private static final String MADE = CommitmentsV1.CommitmentMade.TYPE;
    private static final String BY_ALLY = "select stream_id, global_position from events"
            + " where stream_type = 'commitments' and event_type = '" + MADE + "' and payload ->> 'allyId' = $1"
            + " and ($2 or payload ->> 'visibility' = 'ORGANISATION') and global_position > $3"
            + " order by global_position limit $4";

    private final EventStore store;
    private final CommitmentsStream commitments;
    private final PeopleDirectory people;
    private final Caller caller;
    private final Pool pool;
    private final Clock clock;
    private final PersonalData personalData;

    public Commitments(EventStore store, CommitmentsStream commitments, PeopleDirectory people, Caller caller, Pool pool, Clock clock,
                       PersonalData personalData) {
        this.store = store;
        this.commitments = commitments;
        this.people = people;
        this.caller = caller;
        this.pool = pool;
        this.clock = clock;
        this.personalData = personalData;
    }

    public Uni<Decision> make(String allyId, CommitmentRequests.Make request) {
        return people.requireActive(allyId, "allyId").chain(() -> personalData.sealing(allyId)).map(text -> {
            String id = UUID.randomUUID().toString();
            List<CommitmentEvent> events = Commitment.make(id, allyId, request.category(), text.seal(request.statement().strip()),
                    request.startsOn(), request.endsOn(), request.targetActions(),
                    request.visibility() == null ? Visibility.PRIVATE : request.visibility(), null, today());
            return Decision.of(StreamAppend.of(commitments, id, 0, events),
                    CommandResult.created(CommitmentView.of(commitments.fold(events), events.size(), text), events.size(), "/commitments/" + id));
        });
    }

    public Uni<Decision> logAction(String id, OptionalLong ifMatch, CommitmentRequests.LogAction request) {
        ActionSource source = caller.hasRole(Roles.HR_SYSTEM) ? ActionSource.HR_SYSTEM : ActionSource.SELF;
        return loadActingFor(id).flatMap(loaded -> people.requireActive(loaded.state().allyId(), "allyId")
                .chain(() -> personalData.sealing(loaded.state().allyId())).map(text -> {
            Commitment commitment = loaded.state();
            String actionId = UUID.randomUUID().toString();
            List<CommitmentEvent> events = commitment.logAction(actionId, request.kind(), request.occurredOn(), text.seal(request.note()),
                    text.seal(request.evidenceUrl()), source, request.externalRef(), today());
            StreamAppend<CommitmentEvent> append = StreamAppend.of(commitments, id, ifMatch.orElse(loaded.version()), events);
            CommitmentView after = CommitmentView.of(commitments.applyAll(commitment, events), append.newVersion(), text);
            if (events.isEmpty()) {
                String first = commitment.actionsByExternalRef().get(request.externalRef());
                return Decision.of(append, CommandResult.ok(new CommitmentView.ActionLogged(first, true, after), append.newVersion()));
            }
            return Decision.of(append, new CommandResult(201, new CommitmentView.ActionLogged(actionId, false, after),
                    append.newVersion(), "/commitments/" + id));
        }));
    }

    public Uni<Decision> amend(String id, OptionalLong ifMatch, CommitmentRequests.Amend request) {
        return change(id, ifMatch, (commitment, text) -> commitment.amend(
                request.statement() == null ? null : text.seal(request.statement().strip()), request.targetActions(), request.endsOn(),
                text.seal(request.reason()), today()));
    }

    public Uni<Decision> withdraw(String id, OptionalLong ifMatch, CommitmentRequests.Withdraw request) {
        return change(id, ifMatch, (commitment, text) -> commitment.withdraw(text.seal(request.reason().strip())));
    }

    /** Writes both streams at once: the old commitment's link forward and the new commitment. */
    public Uni<Decision> renew(String id, OptionalLong ifMatch, CommitmentRequests.Renew request) {
        return loadActingFor(id).flatMap(loaded -> people.requireActive(loaded.state().allyId(), "allyId")
                .chain(() -> personalData.sealing(loaded.state().allyId())).map(text -> {
            String newId = UUID.randomUUID().toString();
            Commitment.Renewal renewal = loaded.state().renew(newId, request.statement() == null ? null : text.seal(request.statement().strip()),
                    request.startsOn(), request.endsOn(), request.targetActions(), today());
            List<StreamAppend<?>> appends = List.of(
                    StreamAppend.of(commitments, id, ifMatch.orElse(loaded.version()), renewal.renewed()),
                    StreamAppend.of(commitments, newId, 0, renewal.made()));
            CommitmentView created = CommitmentView.of(commitments.fold(renewal.made()), renewal.made().size(), text);
            return Decision.of(appends, CommandResult.created(created, renewal.made().size(), "/commitments/" + newId));
        }));
    }

    /** Reads a commitment: its ally, HR systems and program admins always; other employees if it is public. */
    public Uni<Loaded<Commitment>> read(String id) {
        return load(id).invoke(loaded -> {
            Commitment commitment = loaded.state();
            boolean privileged = caller.hasRole(Roles.HR_SYSTEM) || caller.hasRole(Roles.PROGRAM_ADMIN);
            boolean own = caller.hasRole(Roles.EMPLOYEE) && caller.actor().equals(commitment.allyId());
            boolean visible = caller.hasRole(Roles.EMPLOYEE) && commitment.visibility() == Visibility.ORGANISATION;
            if (!privileged && !own && !visible) {
                throw Rejections.notPermitted("This commitment is private to its ally.");
            }
        });
    }

    /**
     * An ally's commitments in the order made: all of them for the ally, HR systems and program admins;
     * only the public ones for other employees.
     */
    public Uni<CommitmentView.Page> list(String allyId, String cursor, int limit) {
        boolean everything = caller.hasRole(Roles.HR_SYSTEM) || caller.hasRole(Roles.PROGRAM_ADMIN)
                || (caller.hasRole(Roles.EMPLOYEE) && caller.actor().equals(allyId));
        return StreamPage.find(pool, BY_ALLY, Tuple.of(allyId, everything), cursor, limit)
                .flatMap(page -> personalData.reading(allyId).flatMap(text -> page.load(store, commitments).map(loaded -> new CommitmentView.Page(
                        loaded.stream().map(l -> CommitmentView.of(l.state(), l.version(), text)).toList(), page.next()))));
    }

    /** The commitment as its reader sees it: the statement opened with the ally's key. */
    public Uni<CommitmentView> view(Loaded<Commitment> loaded) {
        return personalData.reading(loaded.state().allyId()).map(text -> CommitmentView.of(loaded.state(), loaded.version(), text));
    }

    /** A change by the ally (or HR for them); {@code decide} seals the ally's text with the key it is given. */
    private Uni<Decision> change(String id, OptionalLong ifMatch, BiFunction<Commitment, PersonalText, List<CommitmentEvent>> decide) {
        return loadActingFor(id).flatMap(loaded -> personalData.sealing(loaded.state().allyId()).map(text -> {
            List<CommitmentEvent> events = decide.apply(loaded.state(), text);
            StreamAppend<CommitmentEvent> append = StreamAppend.of(commitments, id, ifMatch.orElse(loaded.version()), events);
            return Decision.of(append, CommandResult.ok(
                    CommitmentView.of(commitments.applyAll(loaded.state(), events), append.newVersion(), text), append.newVersion()));
        }));
    }

    /** Only the ally, or an HR system acting for them, changes a commitment. */
    private Uni<Loaded<Commitment>> loadActingFor(String id) {
        return load(id).invoke(loaded -> caller.actingFor(loaded.state().allyId()));
    }

    Uni<Loaded<Commitment>> load(String id) {
        return store.load(commitments, id).invoke(loaded -> {
            if (!loaded.state().exists()) {
                throw Rejections.notFound("commitment", id);
            }
        });
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}

package org.allyledger.commitment.sponsorship.api;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.domain.Rejections;
import org.allyledger.api.auth.Caller;
import org.allyledger.api.auth.Roles;
import org.allyledger.commitment.people.api.PeopleDirectory;
import org.allyledger.commitment.sponsorship.domain.Initiative;
import org.allyledger.commitment.sponsorship.domain.InitiativeEvent;
import org.allyledger.commitment.sponsorship.domain.SponsorshipsStream;
import org.allyledger.eventstore.EventStore;
import org.allyledger.writeapi.privacy.PersonalData;
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
import java.util.function.Function;

/** The initiative and sponsorship commands and reads. */
@ApplicationScoped
public class Initiatives {
    private static final String BY_YEAR = "select stream_id, global_position from events"
            + " where stream_type = 'sponsorships' and event_type = $1"
            + " and ($2::int is null or (payload ->> 'year')::int = $2) and global_position > $3"
            + " order by global_position limit $4";

    private final EventStore store;
    private final SponsorshipsStream initiatives;
    private final PeopleDirectory people;
    private final Caller caller;
    private final Pool pool;
    private final PersonalData personalData;
    private final Clock clock;

    public Initiatives(EventStore store, SponsorshipsStream initiatives, PeopleDirectory people, Caller caller, Pool pool, Clock clock,
                       PersonalData personalData) {
        this.store = store;
        this.initiatives = initiatives;
        this.people = people;
        this.caller = caller;
        this.pool = pool;
        this.clock = clock;
        this.personalData = personalData;
    }

    public Uni<Decision> launch(InitiativeRequests.Launch request) {
        return Uni.createFrom().item(() -> {
            String id = UUID.randomUUID().toString();
            List<InitiativeEvent> events = Initiative.launch(id, request.name().strip(), request.erg().strip(), request.year(),
                    request.description(), request.sponsorCapacity(), today());
            return Decision.of(StreamAppend.of(initiatives, id, 0, events),
                    CommandResult.created(view(initiatives.fold(events), events.size()), events.size(), "/initiatives/" + id));
        });
    }

    public Uni<Decision> close(String id, OptionalLong ifMatch) {
        return change(id, ifMatch, Initiative::close);
    }

    /** The ally must be active; one pledge per ally while the initiative is open and has a place. */
    public Uni<Decision> pledge(String id, String allyId, OptionalLong ifMatch) {
        return people.requireActive(allyId, "allyId").flatMap(ally -> load(id).map(loaded -> {
            List<InitiativeEvent> events = loaded.state().pledge(allyId, today());
            StreamAppend<InitiativeEvent> append = StreamAppend.of(initiatives, id, ifMatch.orElse(loaded.version()), events);
            return Decision.of(append, CommandResult.created(view(initiatives.applyAll(loaded.state(), events), append.newVersion()),
                    append.newVersion(), "/initiatives/" + id + "/sponsorships/" + allyId));
        }));
    }

    public Uni<Decision> fulfil(String id, String allyId, OptionalLong ifMatch, String outcome) {
        caller.actingFor(allyId);
        return personalData.sealing(allyId).flatMap(text -> change(id, ifMatch, initiative -> initiative.fulfil(allyId, text.seal(outcome))));
    }

    public Uni<Decision> withdraw(String id, String allyId, OptionalLong ifMatch, String reason) {
        caller.actingFor(allyId);
        return personalData.sealing(allyId).flatMap(text -> change(id, ifMatch, initiative -> initiative.withdraw(allyId, text.seal(reason))));
    }

    public Uni<Loaded<Initiative>> find(String id) {
        return load(id);
    }

    public Uni<InitiativeView.Page> list(Integer year, String cursor, int limit) {
        return StreamPage.find(pool, BY_YEAR,
                        Tuple.of(initiatives.codec().typeOf(InitiativeEvent.InitiativeLaunched.class)).addValue(year), cursor, limit)
                .flatMap(page -> page.load(store, initiatives).map(loaded -> new InitiativeView.Page(
                        loaded.stream().map(l -> view(l.state(), l.version())).toList(), page.next())));
    }

    /** Sponsor lists are for HR systems and program admins; an employee sees only their own pledge. */
    InitiativeView view(Initiative initiative, long version) {
        boolean everything = caller.hasRole(Roles.HR_SYSTEM) || caller.hasRole(Roles.PROGRAM_ADMIN);
        return InitiativeView.of(initiative, version, everything ? null : caller.actor());
    }

    private Uni<Decision> change(String id, OptionalLong ifMatch, Function<Initiative, List<InitiativeEvent>> decide) {
        return load(id).map(loaded -> {
            List<InitiativeEvent> events = decide.apply(loaded.state());
            StreamAppend<InitiativeEvent> append = StreamAppend.of(initiatives, id, ifMatch.orElse(loaded.version()), events);
            return Decision.of(append, CommandResult.ok(view(initiatives.applyAll(loaded.state(), events), append.newVersion()),
                    append.newVersion()));
        });
    }

    private Uni<Loaded<Initiative>> load(String id) {
        return store.load(initiatives, id).invoke(loaded -> {
            if (!loaded.state().exists()) {
                throw Rejections.notFound("initiative", id);
            }
        });
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}

package org.allyledger.recognition.nominations.api;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.allyledger.api.Problem;
import org.allyledger.api.ProblemException;
import org.allyledger.domain.Rejection;
import org.allyledger.domain.Rejections;
import org.allyledger.api.auth.Caller;
import org.allyledger.api.auth.Roles;
import org.allyledger.api.config.RecognitionConfig;
import org.allyledger.eventstore.ClaimTakenException;
import org.allyledger.eventstore.ConcurrencyConflictException;
import org.allyledger.eventstore.EventStore;
import org.allyledger.eventstore.Loaded;
import org.allyledger.eventstore.StreamAppend;
import org.allyledger.eventstore.StreamPage;
import org.allyledger.eventstore.UniqueClaim;
import org.allyledger.writeapi.CommandResult;
import org.allyledger.writeapi.Decision;
import org.allyledger.recognition.awards.api.AwardLookups;
import org.allyledger.contracts.NominatorSeal;
import org.allyledger.recognition.nominations.domain.Nomination;
import org.allyledger.recognition.nominations.domain.NominationEvent;
import org.allyledger.recognition.nominations.domain.NominationsStream;
import org.allyledger.recognition.commitments.LoggedActions;
import org.allyledger.writeapi.privacy.PersonalData;
import org.allyledger.recognition.people.PeopleReplica;

import java.time.Clock;
import java.time.YearMonth;
import org.allyledger.recognition.nominations.domain.NominationWindow;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/** The nomination commands and reads. */
@ApplicationScoped
public class Nominations {
    /** One nomination per nominator, nominee and month; the key never leaves the service. */
    static final String CLAIM_SCOPE = "nomination";
    private static final String BY_MONTH = "select stream_id, global_position from events"
            + " where stream_type = 'recognition' and event_type = $1"
            + " and payload ->> 'awardMonth' = $2 and global_position > $3 order by global_position limit $4";

    private final EventStore store;
    private final NominationsStream nominations;
    private final AwardLookups awards;
    private final PeopleReplica people;
    private final LoggedActions actions;
    private final PersonalData personalData;
    private final NominatorSeal seal;
    private final Caller caller;
    private final Pool pool;
    private final Clock clock;
    private final int pastMonths;

    public Nominations(EventStore store, NominationsStream nominations, AwardLookups awards, PeopleReplica people, LoggedActions actions,
                       PersonalData personalData,
                       NominatorSeal seal, Caller caller, Pool pool, Clock clock,
                       RecognitionConfig recognition) {
        this.pastMonths = recognition.nominationPastMonths();
        this.store = store;
        this.nominations = nominations;
        this.awards = awards;
        this.people = people;
        this.actions = actions;
        this.personalData = personalData;
        this.seal = seal;
        this.caller = caller;
        this.pool = pool;
        this.clock = clock;
    }

    /** A second nomination for the same nominee and month is refused, pointing at the first. */
    public Uni<Decision> submit(String nominatorId, NominationRequests.Nominate request) {
        YearMonth month = YearMonth.parse(request.awardMonth());
        String claimKey = nominatorId + "|" + request.nomineeId() + "|" + month;
        List<String> linkedActionIds = request.linkedActionIds() == null ? List.of() : request.linkedActionIds();
        return requireActive(nominatorId, "nominatorId")
                .chain(() -> requireActive(request.nomineeId(), "nomineeId"))
                .chain(() -> requireLoggedBy(request.nomineeId(), linkedActionIds))
                .chain(() -> store.claimOwner(CLAIM_SCOPE, claimKey))
                .call(existing -> existing == null ? Uni.createFrom().voidItem()
                        : duplicate(existing, month).onItem().transformToUni(refusal -> Uni.createFrom().failure(refusal)))
                .chain(() -> awards.month(month))
                .flatMap(award -> personalData.sealing(nominatorId).flatMap(nominatorText -> personalData.sealing(request.nomineeId())
                        .map(nomineeText -> {
                    String id = UUID.randomUUID().toString();
                    List<NominationEvent> events = Nomination.submit(id, nominatorId, request.nomineeId(), month, request.categories(),
                            nominatorText.sealWith(nomineeText, request.citation().strip()), Boolean.TRUE.equals(request.anonymous()),
                            linkedActionIds, window(), award.closed(), seal::seal);
                    return Decision.of(StreamAppend.of(nominations, id, 0, events),
                                    CommandResult.created(NominationView.of(nominations.fold(events), events.size(), true, nominatorText, nomineeText), events.size(),
                                    "/nominations/" + id))
                            .claiming(new UniqueClaim(CLAIM_SCOPE, claimKey, id));
                })));
    }

    /** A concurrent nomination that won the claim gets the loser the same 409 as the sequential case. */
    public <T> Uni<T> duplicateOnClaim(Throwable failure) {
        ClaimTakenException taken = (ClaimTakenException) failure;
        YearMonth month = YearMonth.parse(taken.key().substring(taken.key().lastIndexOf('|') + 1));
        return store.claimOwner(taken.scope(), taken.key())
                .onItem().transformToUni(existing -> duplicate(existing, month).onItem().transformToUni(refusal -> Uni.createFrom().failure(refusal)));
    }

    public Uni<Decision> endorse(String id, String endorserId, OptionalLong ifMatch, String note) {
        return requireActive(endorserId, "endorserId").chain(() -> load(id, ifMatch)).flatMap(loaded -> awards.month(loaded.state().awardMonth())
                .flatMap(award -> personalData.sealing(endorserId).flatMap(endorserText -> personalData.sealing(loaded.state().nomineeId())
                        .flatMap(nomineeText -> decide(id, ifMatch, loaded,
                                loaded.state().endorse(endorserId, endorserText.sealWith(nomineeText, note), award.closed()))))));
    }

    public Uni<Decision> withdraw(String id, String nominatorId, OptionalLong ifMatch) {
        return load(id, ifMatch).flatMap(loaded -> awards.month(loaded.state().awardMonth())
                .flatMap(award -> decide(id, ifMatch, loaded, loaded.state().withdraw(nominatorId, award.closed()))));
    }

    public Uni<Decision> reject(String id, OptionalLong ifMatch, String reason) {
        return load(id, ifMatch).flatMap(loaded -> personalData.sealing(loaded.state().nomineeId())
                .flatMap(text -> decide(id, ifMatch, loaded, loaded.state().reject(text.seal(reason)))));
    }

    public Uni<Loaded<Nomination>> read(String id) {
        return load(id);
    }

    public Uni<NominationView.Page> list(YearMonth month, String cursor, int limit) {
        return StreamPage.find(pool, BY_MONTH,
                        Tuple.of(nominations.codec().typeOf(NominationEvent.NominationSubmitted.class), month.toString()), cursor, limit)
                .flatMap(page -> page.load(store, nominations).flatMap(loaded -> views(loaded, page.next())));
    }

    /**
     * An anonymous nominator is shown to program admins and to the nominator themselves only. The citation is sealed under
     * the nominator's key inside the nominee's: null once either's personal data is erased.
     */
    Uni<NominationView> view(Nomination nomination, long version) {
        boolean mayKnow = caller.hasRole(Roles.PROGRAM_ADMIN) || caller.actor().equals(nomination.nominatorId());
        return personalData.reading(nomination.nominatorId()).flatMap(nominatorText -> personalData.reading(nomination.nomineeId())
                .map(nomineeText -> NominationView.of(nomination, version, mayKnow, nominatorText, nomineeText)));
    }

    private Uni<NominationView.Page> views(List<Loaded<Nomination>> loaded, String next) {
        return Multi.createFrom().iterable(loaded).onItem().transformToUniAndConcatenate(l -> view(l.state(), l.version()))
                .collect().asList().map(items -> new NominationView.Page(items, next));
    }

    private Uni<Decision> decide(String id, OptionalLong ifMatch, Loaded<Nomination> loaded, List<NominationEvent> events) {
        StreamAppend<NominationEvent> append = StreamAppend.of(nominations, id, ifMatch.orElse(loaded.version()), events);
        return view(nominations.applyAll(loaded.state(), events), append.newVersion())
                .map(after -> Decision.of(append, CommandResult.ok(after, append.newVersion())));
    }

    /**
     * Loads for a command, and checks {@code If-Match} before any rule: a stale version is refused alike whoever asks, so
     * the answer never tells an anonymous nomination's nominator from anyone else.
     */
    private Uni<Loaded<Nomination>> load(String id, OptionalLong ifMatch) {
        return load(id).invoke(loaded -> {
            if (ifMatch.isPresent() && ifMatch.getAsLong() != loaded.version()) {
                throw new ConcurrencyConflictException(nominations.name(), id, ifMatch.getAsLong());
            }
        });
    }

    private Uni<Loaded<Nomination>> load(String id) {
        return store.load(nominations, id).invoke(loaded -> {
            if (!loaded.state().exists()) {
                throw Rejections.notFound("nomination", id);
            }
        });
    }

    /** Linked actions must be actions the nominee logged, as this service has learnt them from the commitments topic. */
    private Uni<Void> requireLoggedBy(String nomineeId, List<String> actionIds) {
        return actions.notLoggedBy(nomineeId, actionIds).invoke(unknown -> {
            if (!unknown.isEmpty()) {
                throw Rejections.unprocessable("linkedActionIds", "must name actions the nominee logged; not " + String.join(", ", unknown));
            }
        }).replaceWithVoid();
    }

    private Uni<Void> requireActive(String employeeId, String field) {
        return people.isActive(employeeId).invoke(active -> {
            if (!active) {
                throw Rejections.unprocessable(field, "is not an active person");
            }
        }).replaceWithVoid();
    }

    /** Points at the earlier nomination unless it is anonymous: then the refusal names nothing that could identify it. */
    private Uni<Rejection> duplicate(String existing, YearMonth month) {
        String detail = "This colleague is already nominated by this nominator for " + month + "; one nomination per nominator,"
                + " nominee and month.";
        return store.load(nominations, existing).map(loaded -> loaded.state().anonymous()
                ? Rejections.conflict("duplicate-nomination", detail)
                : Rejections.conflict("duplicate-nomination", detail, "/nominations/" + existing));
    }

    private NominationWindow window() {
        return new NominationWindow(YearMonth.now(clock), pastMonths);
    }
}

package org.allyledger.recognition.privacy;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.allyledger.api.auth.Caller;
import org.allyledger.api.auth.Roles;
import org.allyledger.eventstore.EventStore;
import org.allyledger.eventstore.Loaded;
import org.allyledger.recognition.awards.domain.AwardEvent;
import org.allyledger.recognition.awards.domain.AwardsStream;
import org.allyledger.recognition.nominations.domain.Nomination;
import org.allyledger.recognition.nominations.domain.NominationEvent;
import org.allyledger.recognition.nominations.domain.NominationsStream;
import org.allyledger.writeapi.privacy.PersonalData;
import org.allyledger.writeapi.privacy.PersonalText;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/**
 * What recognition-service holds about a person (right of access), opened for them: the nominations they made (their
 * anonymous ones too: they are theirs), those they received (never who made an anonymous one), their endorsements and
 * awards. commitment-service's export includes it.
 */
@Path("/people/{employeeId}/personal-data")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nominations", description = "Colleagues nominate and endorse allies; HR moderates")
public class PersonalDataResource {
    private static final String ID = "^[A-Za-z0-9._-]{1,64}$";
    private static final String GIVEN = "select owner from unique_claims where scope = 'nomination' and starts_with(key, $1) order by owner";
    private static final String RECEIVED = "select distinct stream_id from events where stream_type = 'recognition' and event_type = $2"
            + " and payload ->> 'nomineeId' = $1 order by stream_id";
    private static final String ENDORSED = "select stream_id, payload ->> 'note' from events where stream_type = 'recognition'"
            + " and event_type = $2 and payload ->> 'endorserId' = $1 order by global_position";
    private static final String AWARDS = "select payload ->> 'awardMonth', payload ->> 'note' from events where stream_type = 'recognition'"
            + " and event_type = $2 and payload ->> 'winnerId' = $1 order by global_position";

    public record Given(String nominationId, String nomineeId, String awardMonth, boolean anonymous, String citation, String status) {
    }

    public record Received(String nominationId, String nominatorId, String awardMonth, String citation, String status) {
    }

    public record Endorsement(String nominationId, String note) {
    }

    public record Award(String awardMonth, String note) {
    }

    public record Export(String employeeId, List<Given> nominationsGiven, List<Received> nominationsReceived,
                         List<Endorsement> endorsementsGiven, List<Award> awards) {
    }

    private final Pool pool;
    private final EventStore store;
    private final NominationsStream nominations;
    private final AwardsStream awards;
    private final PersonalData personalData;
    private final Caller caller;

    public PersonalDataResource(Pool pool, EventStore store, NominationsStream nominations, AwardsStream awards, PersonalData personalData,
                                Caller caller) {
        this.pool = pool;
        this.store = store;
        this.nominations = nominations;
        this.awards = awards;
        this.personalData = personalData;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM})
    @Operation(summary = "What recognition holds about a person: nominations given and received, endorsements, awards (the person or an HR system)")
    public Uni<Export> export(@PathParam("employeeId") @Pattern(regexp = ID, message = "must be 1-64 letters, digits, '.', '_' or '-'")
                              String employeeId) {
        caller.requireSelfOr(employeeId, Roles.HR_SYSTEM);
        String submitted = nominations.codec().typeOf(NominationEvent.NominationSubmitted.class);
        return personalData.reading(employeeId).flatMap(own -> ids(GIVEN, Tuple.of(employeeId + "|"))
                .flatMap(ids -> loadAll(ids)).flatMap(given -> Multi.createFrom().iterable(given)
                        .onItem().transformToUniAndConcatenate(n -> personalData.reading(n.state().nomineeId())
                                .map(nominee -> new Given(n.state().id(), n.state().nomineeId(), n.state().awardMonth().toString(),
                                        n.state().anonymous(), own.openWith(nominee, n.state().citation()), n.state().status().name())))
                        .collect().asList())
                .flatMap(givenList -> ids(RECEIVED, Tuple.of(employeeId, submitted)).flatMap(this::loadAll)
                        .flatMap(received -> Multi.createFrom().iterable(received)
                                .onItem().transformToUniAndConcatenate(n -> personalData.reading(n.state().nominatorId())
                                        .map(nominator -> new Received(n.state().id(), n.state().anonymous() ? null : n.state().nominatorId(),
                                                n.state().awardMonth().toString(), nominator.openWith(own, n.state().citation()),
                                                n.state().status().name())))
                                .collect().asList())
                        .flatMap(receivedList -> endorsements(employeeId, own).flatMap(endorsed -> awardsOf(employeeId, own)
                                .map(won -> new Export(employeeId, givenList, receivedList, endorsed, won))))));
    }

    private Uni<List<Endorsement>> endorsements(String employeeId, PersonalText own) {
        String endorsedType = nominations.codec().typeOf(NominationEvent.NominationEndorsed.class);
        return pool.preparedQuery(ENDORSED).execute(Tuple.of(employeeId, endorsedType)).flatMap(rows -> {
            List<Row> all = new ArrayList<>();
            rows.forEach(all::add);
            return Multi.createFrom().iterable(all).onItem().transformToUniAndConcatenate(row -> store.load(nominations, row.getString(0))
                            .flatMap(n -> personalData.reading(n.state().nomineeId()))
                            .map(nominee -> new Endorsement(row.getString(0), own.openWith(nominee, row.getString(1)))))
                    .collect().asList();
        });
    }

    private Uni<List<Award>> awardsOf(String employeeId, PersonalText own) {
        return pool.preparedQuery(AWARDS).execute(Tuple.of(employeeId, awards.codec().typeOf(AwardEvent.AllyOfTheMonthAwarded.class)))
                .map(rows -> {
                    List<Award> won = new ArrayList<>();
                    rows.forEach(row -> won.add(new Award(row.getString(0), own.open(row.getString(1)))));
                    return won;
                });
    }

    private Uni<List<String>> ids(String query, Tuple parameters) {
        return pool.preparedQuery(query).execute(parameters).map(rows -> {
            List<String> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getString(0)));
            return ids;
        });
    }

    private Uni<List<Loaded<Nomination>>> loadAll(List<String> ids) {
        return Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> store.load(nominations, id)).collect().asList();
    }
}

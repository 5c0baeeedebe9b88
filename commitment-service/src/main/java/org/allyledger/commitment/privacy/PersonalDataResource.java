package org.allyledger.commitment.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.allyledger.api.auth.Caller;
import org.allyledger.api.auth.Roles;
import org.allyledger.api.config.RecognitionConfig;
import org.allyledger.commitment.commitments.domain.CommitmentEvent;
import org.allyledger.commitment.commitments.domain.CommitmentsStream;
import org.allyledger.commitment.people.api.PeopleDirectory;
import org.allyledger.commitment.people.api.PersonResponse;
import org.allyledger.commitment.people.domain.PeopleStream;
import org.allyledger.commitment.people.domain.PersonEvent;
import org.allyledger.commitment.sponsorship.domain.InitiativeEvent;
import org.allyledger.commitment.sponsorship.domain.SponsorshipsStream;
import org.allyledger.domain.Rejections;
import org.allyledger.eventstore.EventStore;
import org.allyledger.eventstore.Recorded;
import org.allyledger.writeapi.privacy.PersonalData;
import org.allyledger.writeapi.privacy.PersonalText;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything Ally Ledger holds about a person, as one document (right of access): the directory entry, every commitment
 * with the text of each of its events, the pledges, recognition-service's part (fetched with the caller's own token),
 * and the audit of erasures (when, by whom; no personal data).
 */
@Path("/people/{employeeId}/personal-data")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "People directory", description = "The employees Ally Ledger knows, kept by the HR system")
public class PersonalDataResource {
    private static final Logger LOG = Logger.getLogger(PersonalDataResource.class);
    private static final String ID = "^[A-Za-z0-9._-]{1,64}$";
    private static final String STREAMS = "select distinct stream_id from events where stream_type = $1 and payload ->> 'allyId' = $2"
            + " order by stream_id";

    /** An event of the person's, with the text it holds opened (null where erased). */
    public record Entry(long version, OffsetDateTime at, String event, Map<String, String> text) {
    }

    public record Stream(String id, List<Entry> events) {
    }

    public record Erasure(OffsetDateTime at, String by) {
    }

    /** {@code unavailable} names a service whose part could not be read just now; ask again. */
    public record Export(String employeeId, PersonResponse person, List<Stream> commitments, List<Stream> pledges, JsonNode recognition,
                         List<String> unavailable, List<Erasure> erasures) {
    }

    private final PeopleDirectory directory;
    private final EventStore store;
    private final PeopleStream people;
    private final CommitmentsStream commitments;
    private final SponsorshipsStream sponsorships;
    private final PersonalData personalData;
    private final Pool pool;
    private final Caller caller;
    private final ObjectMapper json;
    private final URI recognition;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PersonalDataResource(PeopleDirectory directory, EventStore store, PeopleStream people, CommitmentsStream commitments,
                                SponsorshipsStream sponsorships, PersonalData personalData, Pool pool, Caller caller, ObjectMapper json,
                                RecognitionConfig recognitionService) {
        this.directory = directory;
        this.store = store;
        this.people = people;
        this.commitments = commitments;
        this.sponsorships = sponsorships;
        this.personalData = personalData;
        this.pool = pool;
        this.caller = caller;
        this.json = json;
        this.recognition = recognitionService.url();
    }

    @GET
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM})
    @Operation(summary = "Everything Ally Ledger holds about a person, across both write services (the person or an HR system)")
    public Uni<Export> export(@PathParam("employeeId") @Pattern(regexp = ID, message = "must be 1-64 letters, digits, '.', '_' or '-'")
                              String employeeId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        caller.requireSelfOr(employeeId, Roles.HR_SYSTEM);
        return directory.find(employeeId).flatMap(loaded -> {
            if (!loaded.state().registered()) {
                throw Rejections.notFound("person", employeeId);
            }
            return directory.view(loaded);
        }).flatMap(person -> personalData.reading(employeeId).flatMap(own -> streams(CommitmentsStream.NAME, employeeId)
                .flatMap(ids -> histories(commitments, ids, event -> commitmentText(event, own)))
                .flatMap(made -> streams(SponsorshipsStream.NAME, employeeId)
                        .flatMap(ids -> histories(sponsorships, ids, event -> pledgeText(event, employeeId, own)))
                        .flatMap(pledged -> store.history(people, employeeId).flatMap(history -> recognitionPart(employeeId, authorization)
                                .map(fromRecognition -> new Export(employeeId, person, made, pledged, fromRecognition,
                                        fromRecognition == null ? List.of("recognition-service") : List.of(), erasures(history))))))));
    }

    private static List<Erasure> erasures(List<Recorded<PersonEvent>> history) {
        return history.stream().filter(recorded -> recorded.event() instanceof PersonEvent.PersonalDataErased)
                .map(recorded -> new Erasure(recorded.occurredAt(), recorded.actor())).toList();
    }

    private Uni<List<String>> streams(String type, String employeeId) {
        return pool.preparedQuery(STREAMS).execute(Tuple.of(type, employeeId)).map(rows -> {
            List<String> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getString(0)));
            return ids;
        });
    }

    private <E> Uni<List<Stream>> histories(org.allyledger.eventstore.StreamType<?, E> type, List<String> ids,
                                            java.util.function.Function<E, Map<String, String>> text) {
        return Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> store.history(type, id)
                        .map(history -> new Stream(id, history.stream()
                                .map(recorded -> new Entry(recorded.version(), recorded.occurredAt(),
                                        recorded.event().getClass().getSimpleName(), text.apply(recorded.event())))
                                .filter(entry -> entry.text() != null).toList())))
                .collect().asList();
    }

    private static Map<String, String> commitmentText(CommitmentEvent event, PersonalText own) {
        Map<String, String> text = new LinkedHashMap<>();
        switch (event) {
            case CommitmentEvent.CommitmentMade e -> text.put("statement", own.open(e.statement()));
            case CommitmentEvent.ActionLogged e -> {
                text.put("note", own.open(e.note()));
                text.put("evidenceUrl", own.open(e.evidenceUrl()));
            }
            case CommitmentEvent.CommitmentAmended e -> {
                text.put("statement", own.open(e.statement()));
                text.put("reason", own.open(e.reason()));
            }
            case CommitmentEvent.CommitmentWithdrawn e -> text.put("reason", own.open(e.reason()));
            case CommitmentEvent.CommitmentFulfilled e -> {
            }
            case CommitmentEvent.CommitmentLapsed e -> {
            }
            case CommitmentEvent.CommitmentRenewed e -> text.put("renewedAs", e.renewedAs());
        }
        return text;
    }

    /** Only the person's own pledge events of an initiative; null for the others'. */
    private static Map<String, String> pledgeText(InitiativeEvent event, String employeeId, PersonalText own) {
        Map<String, String> text = new LinkedHashMap<>();
        switch (event) {
            case InitiativeEvent.SponsorshipPledged e -> {
                if (!e.allyId().equals(employeeId)) {
                    return null;
                }
            }
            case InitiativeEvent.SponsorshipFulfilled e -> {
                if (!e.allyId().equals(employeeId)) {
                    return null;
                }
                text.put("outcome", own.open(e.outcome()));
            }
            case InitiativeEvent.SponsorshipWithdrawn e -> {
                if (!e.allyId().equals(employeeId)) {
                    return null;
                }
                text.put("reason", own.open(e.reason()));
            }
            case InitiativeEvent.InitiativeLaunched e -> {
                return null;
            }
            case InitiativeEvent.InitiativeClosed e -> {
                return null;
            }
        }
        return text;
    }

    /** recognition-service's part, asked with the caller's own token; null when it cannot answer now. */
    private Uni<JsonNode> recognitionPart(String employeeId, String authorization) {
        HttpRequest request = HttpRequest.newBuilder(recognition.resolve("/people/" + employeeId + "/personal-data"))
                .timeout(Duration.ofSeconds(10)).header(HttpHeaders.AUTHORIZATION, authorization)
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON).GET().build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        LOG.warnf("recognition-service answered %d to a personal-data export", response.statusCode());
                        return (JsonNode) null;
                    }
                    try {
                        return json.readTree(response.body());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("recognition-service is unavailable for a personal-data export: %s", failure.toString());
                    return null;
                });
    }
}

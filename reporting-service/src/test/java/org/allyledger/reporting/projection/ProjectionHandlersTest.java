package org.allyledger.reporting.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.allyledger.contracts.NominatorSeal;
import org.allyledger.contracts.published.CommitmentsV1;
import org.allyledger.contracts.published.PeopleV1;
import org.allyledger.contracts.published.PublishedEvent;
import org.allyledger.contracts.published.PublishedTypes;
import org.allyledger.contracts.published.RecognitionV1;
import org.allyledger.contracts.published.SponsorshipsV1;
import org.allyledger.inbox.InboundEvent;
import org.allyledger.inbox.Sql;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.reporting.commitments.CommitmentsProjection;
import org.allyledger.reporting.people.PeopleProjection;
import org.allyledger.reporting.recognition.RecognitionProjection;
import org.allyledger.reporting.sponsorship.SponsorshipsProjection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each projection's handler, called directly: given published events, then the rows of its tables. Each test writes
 * into a fresh generation schema of its own (the live tables' shape), so it sees only its own rows.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class ProjectionHandlersTest {
    private static final AtomicInteger GENERATIONS = new AtomicInteger(9000);
    private static final OffsetDateTime T0 = OffsetDateTime.of(2032, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Inject
    PeopleProjection people;
    @Inject
    CommitmentsProjection commitments;
    @Inject
    SponsorshipsProjection sponsorships;
    @Inject
    RecognitionProjection recognition;
    @Inject
    NominatorSeal seal;

    private final List<String> schemas = new ArrayList<>();
    private String schema;

    @AfterEach
    void dropScratchGenerations() {
        for (String scratch : schemas) {
            await(() -> Sql.inTransaction(() -> Sql.rows("select reporting_drop_generation(?1)", scratch)));
        }
    }

    @Test
    void peopleRowsFollowTheLatestVersionAndHistoryKeepsEach() {
        given(people, event(1, new PeopleV1.PersonRegistered("e1", "Ada", "ada@example.org", "Ops", "London", "HYBRID", null, true)),
                event(2, new PeopleV1.PersonUpdated("e1", "Ada", "ada@example.org", "Research", "Paris", "REMOTE", null, true)),
                event(3, new PeopleV1.PersonDeparted("e1", LocalDate.of(2032, 3, 31))),
                event(2, new PeopleV1.PersonUpdated("e1", "Ada", "ada@example.org", "Ops", "London", "HYBRID", null, true)));

        assertEquals(List.of(List.of("e1", "Research", "Paris", "REMOTE", false, 3L)),
                rows("select employee_id, department, location, work_model, active, stream_version from people"));
        assertEquals(List.of(List.of(1L, "Ops", true), List.of(2L, "Research", true), List.of(3L, "Research", false)),
                rows("select stream_version, department, active from person_history order by stream_version"));
    }

    @Test
    void aDepartureOfSomeoneNeverRegisteredChangesNothing() {
        given(people, event(4, new PeopleV1.PersonDeparted("ghost", LocalDate.of(2032, 3, 31))));

        assertEquals(List.of(), rows("select employee_id from people"));
        assertEquals(List.of(), rows("select employee_id from person_history"));
    }

    @Test
    void commitmentRowsCountActionsCloseAndLinkRenewals() {
        given(commitments,
                event(1, new CommitmentsV1.CommitmentMade("c1", "a1", "MENTORING_AND_SPONSORING", "s", LocalDate.of(2032, 1, 1),
                        LocalDate.of(2032, 6, 30), 2, "PRIVATE", null)),
                event(2, new CommitmentsV1.ActionLogged("c1", "a1", "x1", "READING", LocalDate.of(2032, 2, 1), null, null, "SELF", null)),
                event(3, new CommitmentsV1.ActionLogged("c1", "a1", "x2", "OTHER", LocalDate.of(2032, 2, 2), null, null, "SELF", null)),
                event(4, new CommitmentsV1.CommitmentFulfilled("c1", "a1", 2, 2)),
                event(5, new CommitmentsV1.CommitmentRenewed("c1", "a1", "c2")),
                event(1, new CommitmentsV1.CommitmentMade("c2", "a1", "MENTORING_AND_SPONSORING", "s", LocalDate.of(2032, 7, 1),
                        LocalDate.of(2032, 12, 31), 3, "PRIVATE", "c1")),
                event(2, new CommitmentsV1.CommitmentAmended("c2", "a1", "s2", 4, LocalDate.of(2032, 11, 30), "sooner")));

        assertEquals(List.of(List.of("c1", "FULFILLED", 2, "2032-06-30", "-", "c2"), List.of("c2", "ACTIVE", 4, "2032-11-30", "c1", "-")),
                rows("select commitment_id, status, target, ends_on::text, coalesce(renewed_from, '-'), coalesce(renewed_as, '-')"
                        + " from commitments order by commitment_id"));
        assertEquals(List.of(List.of("x1", "READING"), List.of("x2", "OTHER")),
                rows("select action_id, kind from commitment_actions order by action_id"));
    }

    @Test
    void pledgesTakeEachStatusAndClosingShutsTheInitiative() {
        given(sponsorships, event(1, new SponsorshipsV1.InitiativeLaunched("i1", "Panels", "ERG", 2032, null, 10)),
                event(2, new SponsorshipsV1.SponsorshipPledged("i1", "a1", 2032)),
                event(3, new SponsorshipsV1.SponsorshipPledged("i1", "a2", 2032)),
                event(4, new SponsorshipsV1.SponsorshipFulfilled("i1", "a1", 2032, "Ran six panels.")),
                event(5, new SponsorshipsV1.SponsorshipWithdrawn("i1", "a2", 2032, "leave")),
                event(6, new SponsorshipsV1.InitiativeClosed("i1", 2032)));

        assertEquals(List.of(List.of("i1", "Panels", false, 10)), rows("select initiative_id, name, open, sponsor_capacity from initiatives"));
        assertEquals(List.of(List.of("a1", "FULFILLED"), List.of("a2", "WITHDRAWN")),
                rows("select ally_id, status from pledges order by ally_id"));
    }

    @Test
    void nominationsKeepTheirNominatorEndorsementsAndStatusAndAwardsTheirWinner() {
        given(recognition,
                event(1, new RecognitionV1.NominationSubmitted("n1", "b", "2032-03", List.of("ACTIVE_BYSTANDER"), "citation", false, "a", null,
                        List.of())),
                event(1, new RecognitionV1.NominationSubmitted("n2", "b", "2032-03", List.of("INCLUSIVE_LANGUAGE", "AMPLIFYING_VOICES"),
                        "citation", true, null, seal.seal("c"), List.of())),
                event(2, new RecognitionV1.NominationEndorsed("n1", "b", "2032-03", "d", null)),
                event(3, new RecognitionV1.NominationEndorsed("n1", "b", "2032-03", "d", null)),
                event(2, new RecognitionV1.NominationRejected("n2", "b", "2032-03", "off topic")),
                event(1, new RecognitionV1.AllyOfTheMonthAwarded("2032-03", "b", null)),
                event(2, new RecognitionV1.AwardRevoked("2032-03", "b", "mistake")));

        assertEquals(List.of(List.of("n1", "a", false, "ACTIVE_BYSTANDER", "SUBMITTED"),
                        List.of("n2", "c", true, "INCLUSIVE_LANGUAGE,AMPLIFYING_VOICES", "REJECTED")),
                rows("select nomination_id, nominator_id, anonymous, categories, status from nominations order by nomination_id"));
        assertEquals(List.of(List.of("n1", "d")), rows("select nomination_id, endorser_id from endorsements"));
        assertEquals(List.of(List.of("2032-03", "b", "REVOKED")), rows("select award_month, winner_id, status from awards"));
    }

    /** Applies the events in order, each in its projection's handler, in one transaction on a fresh generation. */
    private void given(Projector<?> projector, InboundEvent... events) {
        schema = projector.schema(GENERATIONS.incrementAndGet());
        schemas.add(schema);
        await(() -> Sql.inTransaction(() -> Sql.rows("select reporting_new_generation(?1, ?2)", projector.name(), schema)));
        await(() -> Sql.inTransaction(() -> onSchema().chain(() -> Multi.createFrom().items(events)
                .onItem().transformToUniAndConcatenate(projector::apply).collect().asList())));
    }

    private List<List<Object>> rows(String query) {
        return await(() -> Sql.inTransaction(() -> onSchema().chain(() -> Sql.rows(query))))
                .stream().map(row -> Arrays.stream(row).map(ProjectionHandlersTest::plain).toList()).toList();
    }

    /** For the caller's transaction only, as the projections' own transactions do. */
    private Uni<Void> onSchema() {
        return Sql.rows("select set_config('search_path', quote_ident(?1) || ', public', true)", schema).replaceWithVoid();
    }

    private static Object plain(Object value) {
        return value instanceof Number number && !(value instanceof Long) && !(value instanceof Integer) ? number.longValue() : value;
    }

    private static InboundEvent event(long streamVersion, PublishedEvent published) {
        String type = PublishedTypes.typeOf(published.getClass());
        return new InboundEvent(UUID.randomUUID(), type, null, T0.plusMinutes(GENERATIONS.get() + streamVersion), streamVersion,
                JSON.valueToTree(published), PublishedTypes.topic(family(published)), 0, 0);
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends PublishedEvent> family(PublishedEvent published) {
        return (Class<? extends PublishedEvent>) published.getClass().getInterfaces()[0];
    }

    private static <T> T await(java.util.function.Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work::get);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}

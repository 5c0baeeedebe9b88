package org.allyledger.reporting.recognition;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.allyledger.contracts.NominatorSeal;
import org.allyledger.contracts.published.RecognitionV1;
import org.allyledger.contracts.published.RecognitionV1.AllyOfTheMonthAwarded;
import org.allyledger.contracts.published.RecognitionV1.AwardRevoked;
import org.allyledger.contracts.published.RecognitionV1.NominationEndorsed;
import org.allyledger.contracts.published.RecognitionV1.NominationRejected;
import org.allyledger.contracts.published.RecognitionV1.NominationSubmitted;
import org.allyledger.contracts.published.RecognitionV1.NominationWithdrawn;
import org.allyledger.inbox.InboundEvent;
import org.allyledger.inbox.Inbox;
import org.allyledger.inbox.MalformedEventException;
import org.allyledger.inbox.Sql;
import org.allyledger.reporting.people.Attribution;
import org.allyledger.reporting.projection.Projector;
import org.allyledger.reporting.projection.ReadModels;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Projects the recognition topic: nominations (nominator unsealed, never shown), endorsements, awards. */
@Singleton
public class RecognitionProjection extends Projector<RecognitionV1> {
    public static final String CHANNEL = "recognition";
    public static final String NAME = "reporting.recognition";

    /** Each fact stores where its people stood when it happened, which the tallies count by. Set statements. */
    private static final String SUBMITTED = """
            insert into nominations (nomination_id, nominee_id, nominator_id, anonymous, award_month, categories, status, submitted_at,
                                     nominee_department, nominee_location, nominee_work_model, nominator_department)
            select r.nomination_id, r.nominee_id, r.nominator_id, r.anonymous, r.award_month, r.categories, 'SUBMITTED', r.submitted_at,
                   a.department, a.location, a.work_model, b.department
            from (select nomination_id, nominee_id, nominator_id, anonymous::boolean, award_month, categories, submitted_at::timestamptz
                  from unnest(?1::text[], ?2::text[], ?3::text[], ?4::text[], ?5::text[], ?6::text[], ?7::text[])
                      as r(nomination_id, nominee_id, nominator_id, anonymous, award_month, categories, submitted_at)) r
            left join person_history a on %s left join person_history b on %s
            on conflict do nothing""".formatted(Attribution.at("a", "r.nominee_id", "r.submitted_at"),
            Attribution.at("b", "r.nominator_id", "r.submitted_at"));
    private static final String ENDORSED = """
            insert into endorsements (nomination_id, endorser_id, endorsed_at)
            select nomination_id, endorser_id, endorsed_at::timestamptz
            from unnest(?1::text[], ?2::text[], ?3::text[]) as r(nomination_id, endorser_id, endorsed_at)
            on conflict do nothing""";
    private static final String STATUS = """
            update nominations n set status = r.status
            from unnest(?1::text[], ?2::text[]) as r(nomination_id, status)
            where n.nomination_id = r.nomination_id""";
    private static final String AWARDED = """
            insert into awards (award_month, winner_id, status, awarded_at, winner_department, winner_location, winner_work_model)
            select ?1, ?2, 'AWARDED', cast(?3 as timestamptz), a.department, a.location, a.work_model
            from (select) fact left join person_history a on %s
            on conflict (award_month) do update set winner_id = excluded.winner_id, status = 'AWARDED', awarded_at = excluded.awarded_at,
                winner_department = excluded.winner_department, winner_location = excluded.winner_location,
                winner_work_model = excluded.winner_work_model""".formatted(Attribution.at("a", "?2", "cast(?3 as timestamptz)"));

    private final NominatorSeal seal;

    public RecognitionProjection(Inbox inbox, ReadModels readModels, NominatorSeal seal) {
        super(NAME, RecognitionV1.class, readModels, inbox);
        this.seal = seal;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return processBatch(batch);
    }

    @Override
    protected Uni<Void> project(RecognitionV1 event, InboundEvent envelope) {
        return switch (event) {
            case NominationSubmitted e -> Sql.updateRow(SUBMITTED, e.nominationId(), e.nomineeId(), nominator(e), e.anonymous(),
                    e.awardMonth(), categories(e), envelope.time());
            case NominationEndorsed(var nominationId, var nomineeId, var awardMonth, var endorserId, var note) ->
                    Sql.updateRow(ENDORSED, nominationId, endorserId, envelope.time());
            case NominationWithdrawn e -> status(e.nominationId(), "WITHDRAWN");
            case NominationRejected e -> status(e.nominationId(), "REJECTED");
            case AllyOfTheMonthAwarded(var awardMonth, var winnerId, var note) -> Sql.update(AWARDED, awardMonth, winnerId, envelope.time());
            case AwardRevoked e -> Sql.update("update awards set status = 'REVOKED' where award_month = ?1", e.awardMonth());
        };
    }

    private static Uni<Void> status(String nominationId, String status) {
        return Sql.updateRow(STATUS, nominationId, status);
    }

    private String nominator(NominationSubmitted e) {
        if (!e.anonymous()) {
            if (e.nominatorId() == null || e.nominatorId().isBlank()) {
                throw new MalformedEventException(NominationSubmitted.TYPE + " names no nominator and is not anonymous");
            }
            return e.nominatorId();
        }
        try {
            return seal.open(e.sealedNominator());
        } catch (IllegalArgumentException failure) {
            throw new MalformedEventException("the sealed nominator cannot be opened with this service's key: " + failure.getMessage());
        }
    }

    private static String categories(NominationSubmitted e) {
        for (String category : e.categories()) {
            if (category == null || category.isBlank() || category.contains(",")) {
                throw new MalformedEventException(NominationSubmitted.TYPE + " has a category that is not a name");
            }
        }
        return String.join(",", e.categories());
    }
}

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
import org.allyledger.reporting.projection.Projector;
import org.allyledger.reporting.projection.ReadModels;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Projects the recognition topic: nominations (nominator unsealed, never shown), endorsements, awards. */
@Singleton
public class RecognitionProjection extends Projector<RecognitionV1> {
    public static final String CHANNEL = "recognition";
    public static final String NAME = "reporting.recognition";

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
            case NominationSubmitted e -> Sql.update("insert into nominations (nomination_id, nominee_id, nominator_id, anonymous,"
                            + " award_month, categories, status, submitted_at) values (?1, ?2, ?3, ?4, ?5, ?6, 'SUBMITTED', ?7) on conflict do nothing",
                    e.nominationId(), e.nomineeId(), nominator(e), e.anonymous(), e.awardMonth(), categories(e), envelope.time());
            case NominationEndorsed(var nominationId, var nomineeId, var awardMonth, var endorserId, var note) ->
                    Sql.update("insert into endorsements (nomination_id, endorser_id, endorsed_at)"
                    + " values (?1, ?2, ?3) on conflict do nothing", nominationId, endorserId, envelope.time());
            case NominationWithdrawn e -> status(e.nominationId(), "WITHDRAWN");
            case NominationRejected e -> status(e.nominationId(), "REJECTED");
            case AllyOfTheMonthAwarded(var awardMonth, var winnerId, var note) ->
                    Sql.update("insert into awards (award_month, winner_id, status, awarded_at)"
                            + " values (?1, ?2, 'AWARDED', ?3) on conflict (award_month) do update set winner_id = excluded.winner_id,"
                            + " status = 'AWARDED', awarded_at = excluded.awarded_at",
                    awardMonth, winnerId, envelope.time());
            case AwardRevoked e -> Sql.update("update awards set status = 'REVOKED' where award_month = ?1", e.awardMonth());
        };
    }

    private static Uni<Void> status(String nominationId, String status) {
        return Sql.update("update nominations set status = ?2 where nomination_id = ?1", nominationId, status);
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

package org.allyledger.reporting.recognition;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.allyledger.api.input.TextRules;
import org.allyledger.contracts.NominatorSeal;
import org.allyledger.contracts.Topics;
import org.allyledger.inbox.Inbox;
import org.allyledger.inbox.InboundEvent;
import org.allyledger.inbox.MalformedEventException;
import org.allyledger.reporting.infra.Sql;
import org.allyledger.reporting.projection.Projector;
import org.allyledger.reporting.projection.ReadModels;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/** Projects the recognition topic: nominations (nominator unsealed, never shown), endorsements, awards. */
@Singleton
public class RecognitionProjection extends Projector {
    public static final String CHANNEL = "recognition";
    public static final String NAME = "reporting.recognition";
    private static final String TYPES = "org.allyledger.recognition.";

    private final Inbox inbox;
    private final NominatorSeal seal;

    public RecognitionProjection(Inbox inbox, ReadModels readModels, NominatorSeal seal) {
        super(NAME, Topics.RECOGNITION, readModels);
        this.inbox = inbox;
        this.seal = seal;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return applyLive(record);
    }

    @Override
    public Uni<Void> apply(InboundEvent event) {
        return switch (event.type()) {
            case TYPES + "NominationSubmitted.v1" -> Sql.update("insert into nominations (nomination_id, nominee_id, nominator_id, anonymous,"
                            + " award_month, categories, status, submitted_at) values (?1, ?2, ?3, ?4, ?5, ?6, 'SUBMITTED', ?7) on conflict do nothing",
                    event.text("nominationId"), event.text("nomineeId"), nominator(event), event.flag("anonymous", false),
                    event.text("awardMonth"), categories(event), event.time());
            case TYPES + "NominationEndorsed.v1" -> Sql.update("insert into endorsements (nomination_id, endorser_id, endorsed_at)"
                    + " values (?1, ?2, ?3) on conflict do nothing", event.text("nominationId"), event.text("endorserId"), event.time());
            case TYPES + "NominationWithdrawn.v1" -> status(event, "WITHDRAWN");
            case TYPES + "NominationRejected.v1" -> status(event, "REJECTED");
            case TYPES + "AllyOfTheMonthAwarded.v1" -> Sql.update("insert into awards (award_month, winner_id, status, awarded_at)"
                            + " values (?1, ?2, 'AWARDED', ?3) on conflict (award_month) do update set winner_id = excluded.winner_id,"
                            + " status = 'AWARDED', awarded_at = excluded.awarded_at",
                    event.text("awardMonth"), event.text("winnerId"), event.time());
            case TYPES + "AwardRevoked.v1" -> Sql.update("update awards set status = 'REVOKED' where award_month = ?1", event.text("awardMonth"));
            default -> inbox.skip(NAME, event);
        };
    }

    private static Uni<Void> status(InboundEvent event, String status) {
        return Sql.update("update nominations set status = ?2 where nomination_id = ?1", event.text("nominationId"), status);
    }

    private String nominator(InboundEvent event) {
        if (!event.flag("anonymous", false)) {
            return event.text("nominatorId");
        }
        try {
            return seal.open(event.text("sealedNominator"));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("the sealed nominator cannot be opened with this service's key: " + e.getMessage());
        }
    }

    private static String categories(InboundEvent event) {
        JsonNode categories = event.data().get("categories");
        if (categories == null || !categories.isArray() || categories.isEmpty()) {
            throw new MalformedEventException(event.type() + " has no categories");
        }
        List<String> names = new ArrayList<>();
        categories.forEach(category -> {
            if (!category.isTextual() || TextRules.problem(category.asText()) != null || category.asText().contains(",")) {
                throw new MalformedEventException(event.type() + " has a category that is not a name");
            }
            names.add(category.asText());
        });
        return String.join(",", names);
    }
}

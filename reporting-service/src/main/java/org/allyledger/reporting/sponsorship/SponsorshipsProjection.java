package org.allyledger.reporting.sponsorship;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.allyledger.contracts.Topics;
import org.allyledger.inbox.Inbox;
import org.allyledger.inbox.InboundEvent;
import org.allyledger.reporting.infra.Sql;
import org.allyledger.reporting.projection.Projector;
import org.allyledger.reporting.projection.ReadModels;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Projects the sponsorships topic: initiatives and each ally's pledge. */
@Singleton
public class SponsorshipsProjection extends Projector {
    public static final String CHANNEL = "sponsorships";
    public static final String NAME = "reporting.sponsorships";
    private static final String TYPES = "org.allyledger.sponsorships.";

    private final Inbox inbox;

    public SponsorshipsProjection(Inbox inbox, ReadModels readModels) {
        super(NAME, Topics.SPONSORSHIPS, readModels);
        this.inbox = inbox;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return applyLive(record);
    }

    @Override
    public Uni<Void> apply(InboundEvent e) {
        return switch (e.type()) {
            case TYPES + "InitiativeLaunched.v1" -> Sql.update("insert into initiatives (initiative_id, name, erg, year, sponsor_capacity,"
                            + " open, launched_at) values (?1, ?2, ?3, ?4, ?5, true, ?6) on conflict do nothing",
                    e.text("initiativeId"), e.text("name"), e.text("erg"), e.number("year"), e.optionalNumber("sponsorCapacity"), e.time());
            case TYPES + "InitiativeClosed.v1" -> Sql.update("update initiatives set open = false where initiative_id = ?1", e.text("initiativeId"));
            case TYPES + "SponsorshipPledged.v1" -> Sql.update("insert into pledges (initiative_id, ally_id, year, status, pledged_at)"
                            + " values (?1, ?2, ?3, 'PLEDGED', ?4) on conflict (initiative_id, ally_id) do update set status = 'PLEDGED',"
                            + " pledged_at = excluded.pledged_at",
                    e.text("initiativeId"), e.text("allyId"), e.number("year"), e.time());
            case TYPES + "SponsorshipFulfilled.v1" -> pledge(e, "FULFILLED");
            case TYPES + "SponsorshipWithdrawn.v1" -> pledge(e, "WITHDRAWN");
            default -> inbox.skip(NAME, e);
        };
    }

    private static Uni<Void> pledge(InboundEvent e, String status) {
        return Sql.update("update pledges set status = ?3 where initiative_id = ?1 and ally_id = ?2",
                e.text("initiativeId"), e.text("allyId"), status);
    }
}

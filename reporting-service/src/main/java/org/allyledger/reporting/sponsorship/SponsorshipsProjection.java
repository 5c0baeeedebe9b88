package org.allyledger.reporting.sponsorship;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.allyledger.contracts.published.SponsorshipsV1;
import org.allyledger.contracts.published.SponsorshipsV1.InitiativeClosed;
import org.allyledger.contracts.published.SponsorshipsV1.InitiativeLaunched;
import org.allyledger.contracts.published.SponsorshipsV1.SponsorshipFulfilled;
import org.allyledger.contracts.published.SponsorshipsV1.SponsorshipPledged;
import org.allyledger.contracts.published.SponsorshipsV1.SponsorshipWithdrawn;
import org.allyledger.inbox.InboundEvent;
import org.allyledger.inbox.Inbox;
import org.allyledger.inbox.Sql;
import org.allyledger.reporting.projection.Projector;
import org.allyledger.reporting.projection.ReadModels;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Projects the sponsorships topic: initiatives and each ally's pledge. */
@Singleton
public class SponsorshipsProjection extends Projector<SponsorshipsV1> {
    public static final String CHANNEL = "sponsorships";
    public static final String NAME = "reporting.sponsorships";

    /** A pledge again after a withdrawal is the same pledge. Set statements: a batch's pledges are one statement. */
    private static final String PLEDGED = """
            insert into pledges (initiative_id, ally_id, year, status, pledged_at)
            select r.initiative_id, r.ally_id, r.year::integer, 'PLEDGED', r.pledged_at::timestamptz
            from unnest(?1::text[], ?2::text[], ?3::text[], ?4::text[]) as r(initiative_id, ally_id, year, pledged_at)
            on conflict (initiative_id, ally_id) do update set status = 'PLEDGED', pledged_at = excluded.pledged_at""";
    private static final String PLEDGE_SETTLED = """
            update pledges p set status = r.status
            from unnest(?1::text[], ?2::text[], ?3::text[]) as r(initiative_id, ally_id, status)
            where p.initiative_id = r.initiative_id and p.ally_id = r.ally_id""";

    public SponsorshipsProjection(Inbox inbox, ReadModels readModels) {
        super(NAME, SponsorshipsV1.class, readModels, inbox);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return processBatch(batch);
    }

    @Override
    protected Uni<Void> project(SponsorshipsV1 event, InboundEvent envelope) {
        return switch (event) {
            case InitiativeLaunched(var initiativeId, var name, var erg, var year, var description, var sponsorCapacity) ->
                    Sql.update("insert into initiatives (initiative_id, name, erg, year, sponsor_capacity,"
                            + " open, launched_at) values (?1, ?2, ?3, ?4, ?5, true, ?6) on conflict do nothing",
                    initiativeId, name, erg, year, sponsorCapacity, envelope.time());
            case InitiativeClosed e -> Sql.update("update initiatives set open = false where initiative_id = ?1", e.initiativeId());
            case SponsorshipPledged(var initiativeId, var allyId, var year) ->
                    Sql.updateRow(PLEDGED, initiativeId, allyId, year, envelope.time());
            case SponsorshipFulfilled(var initiativeId, var allyId, var year, var outcome) -> pledge(initiativeId, allyId, "FULFILLED");
            case SponsorshipWithdrawn(var initiativeId, var allyId, var year, var reason) -> pledge(initiativeId, allyId, "WITHDRAWN");
        };
    }

    private static Uni<Void> pledge(String initiativeId, String allyId, String status) {
        return Sql.updateRow(PLEDGE_SETTLED, initiativeId, allyId, status);
    }
}

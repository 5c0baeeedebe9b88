package org.allyledger.inbox.people;

import io.smallrye.mutiny.Uni;
import org.allyledger.contracts.published.PeopleV1;
import org.allyledger.contracts.published.PeopleV1.PersonDeparted;
import org.allyledger.contracts.published.PeopleV1.PersonRegistered;
import org.allyledger.contracts.published.PeopleV1.PersonUpdated;
import org.allyledger.contracts.published.PeopleV1.PersonalDataErased;
import org.allyledger.inbox.InboundEvent;
import org.allyledger.inbox.MalformedEventException;
import org.allyledger.inbox.Sql;

import java.util.Optional;

/**
 * A consumer's {@code people} table: people as the organisation sees them (department, location, work
 * model, whether active; no personal data), kept from the people topic. recognition's replica and reporting's people
 * projection are both this table: one upsert each way, guarded by the person's stream version so that a replayed or
 * older event changes nothing. The table is resolved on the caller's search path (reporting's generation schemas).
 */
public final class PeopleTable {
    private PeopleTable() {
    }

    private static final String TABLE = "people";


    /** A set statement: a batch's registrations and updates of different people are one statement. */
    private static final String DESCRIBED = """
            insert into %s as t (employee_id, department, location, work_model, active, stream_version, updated_at)
            select employee_id, department, location, work_model, active::boolean, stream_version::bigint, updated_at::timestamptz
            from unnest(?1::text[], ?2::text[], ?3::text[], ?4::text[], ?5::text[], ?6::text[], ?7::text[])
                as r(employee_id, department, location, work_model, active, stream_version, updated_at)
            on conflict (employee_id) do update set department = excluded.department, location = excluded.location,
                work_model = excluded.work_model, active = excluded.active, stream_version = excluded.stream_version,
                updated_at = excluded.updated_at
            where t.stream_version < excluded.stream_version""".formatted(TABLE);

    /** Where a person stands from an event on. */
    public record Standing(String employeeId, String department, String location, String workModel, boolean active) {
    }

    /**
     * Applies the event unless the table holds this version or a later one. Answers where the person stood as of the event
     * (a history keeps it even when a later version came first), or empty for a departure not applied.
     */
    public static Uni<Optional<Standing>> apply(PeopleV1 event, InboundEvent envelope) {
        long version = envelope.streamVersion();
        if (version < 1) {
            throw new MalformedEventException(envelope.type() + " has no stream version");
        }
        return switch (event) {
            case PersonRegistered(var id, var name, var email, var department, var location, var workModel, var manager, var active) ->
                    describe(new Standing(id, department, location, workModel, active), version, envelope);
            case PersonUpdated(var id, var name, var email, var department, var location, var workModel, var manager, var active) ->
                    describe(new Standing(id, department, location, workModel, active), version, envelope);
            case PersonDeparted(var id, var departedOn) -> depart(id, version, envelope);
            // the table holds no personal data: nothing to drop
            case PersonalDataErased(var id) -> Uni.createFrom().item(Optional.empty());
        };
    }

    private static Uni<Optional<Standing>> describe(Standing standing, long version, InboundEvent envelope) {
        return Sql.updateRow(DESCRIBED, standing.employeeId(), standing.department(), standing.location(), standing.workModel(),
                        standing.active(), version, envelope.time())
                .replaceWith(Optional.of(standing));
    }

    /** A departure of someone never registered here changes nothing: there is no one to count or to stop counting. */
    private static Uni<Optional<Standing>> depart(String employeeId, long version, InboundEvent envelope) {
        return Sql.rows("update " + TABLE + " set active = false, stream_version = ?2, updated_at = ?3"
                        + " where employee_id = ?1 and stream_version < ?2 returning employee_id, department, location, work_model",
                employeeId, version, envelope.time())
                .map(rows -> rows.stream().findFirst()
                        .map(row -> new Standing((String) row[0], (String) row[1], (String) row[2], (String) row[3], false)));
    }
}

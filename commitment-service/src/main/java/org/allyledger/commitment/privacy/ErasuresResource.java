package org.allyledger.commitment.privacy;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.allyledger.api.auth.Roles;
import org.allyledger.commitment.people.domain.PeopleStream;
import org.allyledger.commitment.people.domain.PersonEvent;
import org.allyledger.eventstore.StreamPage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The audit trail of erasures: who was erased, when and by whom; it names no personal data. */
@Path("/people/erasures")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "People directory", description = "The employees Ally Ledger knows, kept by the HR system")
public class ErasuresResource {
    private static final String ERASURES = "select global_position, stream_id, occurred_at, metadata ->> 'actor' from events"
            + " where stream_type = $1 and event_type = $2 and global_position > $3 order by global_position limit $4";

    public record Erasure(String employeeId, OffsetDateTime erasedAt, String by) {
    }

    /** {@code next} is the cursor of the following page, absent on the last one. */
    public record Page(List<Erasure> items, String next) {
    }

    private final Pool pool;
    private final PeopleStream people;

    public ErasuresResource(Pool pool, PeopleStream people) {
        this.pool = pool;
        this.people = people;
    }

    @GET
    @RolesAllowed({Roles.HR_SYSTEM, Roles.PROGRAM_ADMIN})
    @Operation(summary = "The erasures made, oldest first: employee id, when, by whom (no personal data)")
    public Uni<Page> erasures(@QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        long after = StreamPage.position(cursor);
        return pool.preparedQuery(ERASURES).execute(Tuple.of(people.name(), people.codec().typeOf(PersonEvent.PersonalDataErased.class),
                after, limit + 1)).map(rows -> {
                    List<Erasure> items = new ArrayList<>();
                    List<Long> positions = new ArrayList<>();
                    rows.forEach(row -> {
                        positions.add(row.getLong(0));
                        items.add(new Erasure(row.getString(1), row.getOffsetDateTime(2), row.getString(3)));
                    });
                    boolean more = items.size() > limit;
                    return new Page(items.subList(0, Math.min(limit, items.size())), more ? Long.toString(positions.get(limit - 1)) : null);
                });
    }
}

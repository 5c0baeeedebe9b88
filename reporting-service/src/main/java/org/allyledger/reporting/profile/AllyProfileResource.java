package org.allyledger.reporting.profile;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.allyledger.domain.Rejections;
import org.allyledger.api.auth.Roles;
import org.allyledger.inbox.Sql;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/** An ally's profile: commitments, actions, sponsorships, nominations received and given, endorsements, awards. */
@Path("/reports/allies/{employeeId}")
@Tag(name = "Reports", description = "Read models for analysts: standings, winners, sponsorship, fulfilment, equity, ally profiles; JSON or CSV")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
public class AllyProfileResource {
    private static final String PERSON = "select department, location, work_model, active from people where employee_id = ?1";
    private static final String COMMITMENTS = """
            select c.commitment_id, c.category, c.starts_on, c.ends_on, c.target, c.status,
                   c.actions_logged, c.renewed_from, c.renewed_as
            from commitments c where c.ally_id = ?1 order by c.made_at, c.commitment_id""";
    private static final String SPONSORSHIPS = """
            select p.initiative_id, i.name, p.year, p.status from pledges p join initiatives i on i.initiative_id = p.initiative_id
            where p.ally_id = ?1 order by p.year, i.name""";
    private static final String RECEIVED = """
            select n.nomination_id, n.award_month, null, n.status, (select count(*) from endorsements e where e.nomination_id = n.nomination_id)
            from nominations n where n.nominee_id = ?1 order by n.award_month, n.submitted_at""";
    private static final String GIVEN = """
            select n.nomination_id, n.award_month, n.nominee_id, n.status, (select count(*) from endorsements e where e.nomination_id = n.nomination_id)
            from nominations n where n.nominator_id = ?1 and not n.anonymous order by n.award_month, n.submitted_at""";
    private static final String ENDORSED = "select count(*) from endorsements where endorser_id = ?1";
    private static final String AWARDS = "select award_month from awards where winner_id = ?1 and status = 'AWARDED' order by award_month";

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.PROGRAM_ADMIN})
    @Operation(summary = "An ally's profile across commitments, sponsorship and recognition")
    public Uni<AllyProfile> profile(@PathParam("employeeId") @Pattern(regexp = "^[A-Za-z0-9._-]{1,64}$",
            message = "must be 1-64 letters, digits, '.', '_' or '-'") String employeeId) {
        return Sql.together(Stream.of(PERSON, COMMITMENTS, SPONSORSHIPS, RECEIVED, GIVEN, ENDORSED, AWARDS)
                .map(sql -> new Sql.Query(sql, employeeId)).toList()).map(parts -> {
            if (parts.get(0).isEmpty()) {
                throw Rejections.notFound("person", employeeId);
            }
            return profile(employeeId, parts.get(0).get(0), parts.subList(1, parts.size()));
        });
    }

    private static AllyProfile profile(String employeeId, Object[] person, List<List<Object[]>> parts) {
        List<AllyProfile.Commitment> commitments = parts.get(0).stream().map(r -> new AllyProfile.Commitment((String) r[0],
                (String) r[1], (LocalDate) r[2], (LocalDate) r[3], ((Number) r[4]).intValue(), (String) r[5],
                ((Number) r[6]).longValue(), (String) r[7], (String) r[8])).toList();
        List<AllyProfile.Sponsorship> sponsorships = parts.get(1).stream().map(r -> new AllyProfile.Sponsorship((String) r[0],
                (String) r[1], ((Number) r[2]).intValue(), (String) r[3])).toList();
        return new AllyProfile(employeeId, (String) person[0], (String) person[1], (String) person[2], (Boolean) person[3],
                commitments, commitments.stream().mapToLong(AllyProfile.Commitment::actionsLogged).sum(),
                commitments.stream().filter(c -> c.renewedAs() != null).count(), sponsorships,
                nominations(parts.get(2)), nominations(parts.get(3)), ((Number) parts.get(4).get(0)[0]).longValue(),
                parts.get(5).stream().map(r -> (String) r[0]).toList());
    }

    private static List<AllyProfile.Nomination> nominations(List<Object[]> rows) {
        return rows.stream().map(r -> new AllyProfile.Nomination((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                ((Number) r[4]).longValue())).toList();
    }
}

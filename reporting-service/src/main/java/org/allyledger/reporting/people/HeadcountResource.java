package org.allyledger.reporting.people;

import io.smallrye.mutiny.Uni;
import org.allyledger.inbox.Sql;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.allyledger.api.auth.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Headcount of active people, the denominator of every per-head report. */
@Path("/reports/headcount")
@Tag(name = "Reports", description = "Read models for analysts: standings, winners, sponsorship, fulfilment, equity, ally profiles; JSON or CSV")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
public class HeadcountResource {
    /**
     * All groupings in one pass over the tally (a row per department, location and work model, kept by the people
     * projection); grouping(x) = 0 marks the rows grouped by x, the all-ones row is the total.
     */
    private static final String HEADCOUNT = """
            select grouping(department), grouping(location), grouping(work_model), department, location, work_model,
                   coalesce(sum(people), 0)
            from headcount_tally where people > 0
            group by grouping sets ((department), (location), (work_model), ())""";

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.PROGRAM_ADMIN})
    @Operation(summary = "Active people in total and by department, location and work model")
    public Uni<Headcount> headcount() {
        return Sql.rows(HEADCOUNT).map(HeadcountResource::toHeadcount);
    }

    private static Headcount toHeadcount(List<Object[]> rows) {
        long total = 0;
        List<Headcount.Group> departments = new ArrayList<>();
        List<Headcount.Group> locations = new ArrayList<>();
        List<Headcount.Group> workModels = new ArrayList<>();
        for (Object[] row : rows) {
            long count = ((Number) row[6]).longValue();
            if (isGroupedBy(row[0])) {
                departments.add(new Headcount.Group((String) row[3], count));
            } else if (isGroupedBy(row[1])) {
                locations.add(new Headcount.Group((String) row[4], count));
            } else if (isGroupedBy(row[2])) {
                workModels.add(new Headcount.Group((String) row[5], count));
            } else {
                total = count;
            }
        }
        Comparator<Headcount.Group> byName = Comparator.comparing(Headcount.Group::name);
        departments.sort(byName);
        locations.sort(byName);
        workModels.sort(byName);
        return new Headcount(total, departments, locations, workModels);
    }

    private static boolean isGroupedBy(Object grouping) {
        return ((Number) grouping).intValue() == 0;
    }
}

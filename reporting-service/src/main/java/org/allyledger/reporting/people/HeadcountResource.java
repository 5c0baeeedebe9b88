package org.allyledger.reporting.people;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Headcount of active people, the denominator of every per-head report. */
@Path("/reports/headcount")
@Tag(name = "Reports")
@Produces(MediaType.APPLICATION_JSON)
public class HeadcountResource {

    @GET
    @WithSession
    @Operation(summary = "Active people in total and by department, location and work model")
    public Uni<Headcount> headcount() {
        return Uni.combine().all()
                .unis(PersonRow.count("active = true"), groups("department"), groups("location"), groups("workModel"))
                .with((total, departments, locations, workModels) ->
                        new Headcount(total, departments, locations, workModels));
    }

    /** {@code attribute} is one of this class's constants, never client input. */
    private static Uni<List<Headcount.Group>> groups(String attribute) {
        return PersonRow.getSession().flatMap(session -> session
                .createQuery("select p." + attribute + ", count(p) from PersonRow p where p.active = true"
                        + " group by p." + attribute + " order by p." + attribute, Object[].class)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new Headcount.Group((String) r[0], (Long) r[1])).toList());
    }
}

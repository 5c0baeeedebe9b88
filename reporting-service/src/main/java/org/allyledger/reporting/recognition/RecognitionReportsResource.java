package org.allyledger.reporting.recognition;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.allyledger.api.auth.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.YearMonth;

/** Ally of the Month and recognition equity, as JSON or CSV ({@code Accept: text/csv}). */
@Path("/reports")
@Tag(name = "Reports", description = "Read models for analysts: standings, winners, sponsorship, fulfilment, equity, ally profiles; JSON or CSV")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
public class RecognitionReportsResource {
    private final RecognitionReports reports;

    public RecognitionReportsResource(RecognitionReports reports) {
        this.reports = reports;
    }

    @GET
    @Path("/ally-of-the-month/{month}")
    @RolesAllowed({Roles.ANALYST, Roles.PROGRAM_ADMIN})
    @Operation(summary = "A month's standings: score, counting nominations, endorsements, nominator departments, eligibility, winner;"
            + " a page of at most limit entries ranked after the rank given as after, with the next page's after as next")
    public Uni<Standings> standings(@PathParam("month") @Pattern(regexp = "^\\d{4}-(0[1-9]|1[0-2])$", message = "must be a month as YYYY-MM") String month,
                                    @QueryParam("after") @DefaultValue("0") @Min(value = 0, message = "must be a rank, 0 or more") int after,
                                    @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return reports.standings(YearMonth.parse(month), after, limit);
    }

    @GET
    @Path("/ally-of-the-month")
    @RolesAllowed({Roles.ANALYST, Roles.PROGRAM_ADMIN})
    @Operation(summary = "The Ally of the Month awards of a year")
    public Uni<Winners> winners(@QueryParam("year") @NotNull @Min(2000) @Max(2100) Integer year) {
        return reports.winners(year);
    }

    @GET
    @Path("/recognition-equity")
    @RolesAllowed({Roles.ANALYST, Roles.PROGRAM_ADMIN})
    @Operation(summary = "Nominations and awards per head by department, location or work model; groups under 5 people suppressed")
    public Uni<Equity> equity(@QueryParam("year") @NotNull @Min(2000) @Max(2100) Integer year,
                              @QueryParam("by") @DefaultValue("department") @Pattern(regexp = "^(department|location|workModel)$",
                                      message = "must be department, location or workModel") String by) {
        return reports.equity(year, by);
    }
}

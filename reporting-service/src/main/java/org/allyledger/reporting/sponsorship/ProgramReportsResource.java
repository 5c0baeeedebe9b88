package org.allyledger.reporting.sponsorship;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import io.vertx.core.http.HttpServerResponse;
import org.allyledger.api.auth.Roles;
import org.allyledger.reporting.commitments.Fulfilment;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Yearly sponsorship and commitment fulfilment, as JSON or CSV ({@code Accept: text/csv}). */
@Path("/reports")
@Tag(name = "Reports", description = "Read models for analysts: standings, winners, sponsorship, fulfilment, equity, ally profiles; JSON or CSV")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
public class ProgramReportsResource {
    private final SponsorshipReports reports;

    public ProgramReportsResource(SponsorshipReports reports) {
        this.reports = reports;
    }

    @GET
    @Path("/sponsorship")
    @RolesAllowed({Roles.ANALYST, Roles.PROGRAM_ADMIN})
    @Operation(summary = "A year's coverage of active employees, overall and by department, and its first initiatives by name (sponsors, fulfilled)",
            description = "At most limit initiatives; next, when there are more, is the cursor of /reports/sponsorship/initiatives,"
                    + " which a Link header (rel=\"next\") also names, so that a CSV export can be followed to its end.")
    public Uni<SponsorshipTracking> sponsorship(@QueryParam("year") @NotNull @Min(2000) @Max(2100) Integer year,
                                                @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
                                                @Context UriInfo uri, @Context HttpServerResponse response) {
        return reports.tracking(year, limit).invoke(report -> linkInitiatives(report.next(), year, limit, uri, response));
    }

    @GET
    @Path("/sponsorship/initiatives")
    @RolesAllowed({Roles.ANALYST, Roles.PROGRAM_ADMIN})
    @Operation(summary = "A page of a year's initiatives by name (sponsors, fulfilled), after the one named by cursor; the sponsorship report's next page",
            description = "In the sponsorship report's CSV columns. A page that has a next one also names it in a Link header (rel=\"next\").")
    public Uni<SponsorshipInitiatives> initiatives(@QueryParam("year") @NotNull @Min(2000) @Max(2100) Integer year,
                                                   @QueryParam("cursor") @Pattern(regexp = "^[A-Za-z0-9._-]{1,64}$", message = "must be a cursor this API returned as next") String cursor,
                                                   @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
                                                   @Context UriInfo uri, @Context HttpServerResponse response) {
        return reports.initiatives(year, cursor, limit).invoke(page -> linkInitiatives(page.next(), year, limit, uri, response));
    }

    private static void linkInitiatives(String next, int year, int limit, UriInfo uri, HttpServerResponse response) {
        if (next != null) {
            response.putHeader(HttpHeaders.LINK, Link.fromUri(uri.getBaseUriBuilder().path("reports/sponsorship/initiatives")
                    .queryParam("year", year).queryParam("cursor", next).queryParam("limit", limit).build()).rel("next").build().toString());
        }
    }

    @GET
    @Path("/sponsorship/unpledged")
    @RolesAllowed({Roles.ANALYST, Roles.PROGRAM_ADMIN})
    @Operation(summary = "Active people without a pledge for the year, by employee id; pass next as cursor for the following page",
            description = "A page that has a next one also names it in a Link header (rel=\"next\"), so a CSV export can be followed to its end.")
    public Uni<Unpledged> unpledged(@QueryParam("year") @NotNull @Min(2000) @Max(2100) Integer year,
                                    @QueryParam("cursor") @Pattern(regexp = "^[A-Za-z0-9._-]{0,64}$", message = "must be a cursor this API returned as next") String cursor,
                                    @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
                                    @Context UriInfo uri, @Context HttpServerResponse response) {
        return reports.unpledged(year, cursor, limit).invoke(page -> {
            if (page.next() != null) {
                response.putHeader(HttpHeaders.LINK, Link.fromUri(uri.getRequestUriBuilder().replaceQueryParam("cursor", page.next()).build())
                        .rel("next").build().toString());
            }
        });
    }

    @GET
    @Path("/commitment-fulfilment")
    @RolesAllowed({Roles.ANALYST, Roles.PROGRAM_ADMIN})
    @Operation(summary = "Commitments starting in a year by category or department: made, active, fulfilled, withdrawn, lapsed, rate, actions")
    public Uni<Fulfilment> fulfilment(@QueryParam("year") @NotNull @Min(2000) @Max(2100) Integer year,
                                      @QueryParam("by") @DefaultValue("category") @Pattern(regexp = "^(category|department)$",
                                              message = "must be category or department") String by) {
        return reports.fulfilment(year, by);
    }
}

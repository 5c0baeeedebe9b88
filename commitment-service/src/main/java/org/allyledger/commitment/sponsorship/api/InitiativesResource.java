package org.allyledger.commitment.sponsorship.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.allyledger.api.IfMatch;
import org.allyledger.api.auth.Caller;
import org.allyledger.api.auth.Roles;
import org.allyledger.writeapi.CommandExecutor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/**
 * Inclusion initiatives run with ERGs, and allies' yearly pledges to sponsor them.
 * Every POST takes an {@code Idempotency-Key}; commands on an initiative take {@code If-Match}.
 */
@Path("/initiatives")
@Tag(name = "Initiatives and sponsorship", description = "Inclusion initiatives run with employee resource groups, and allies' yearly sponsorship pledges")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InitiativesResource {
    private static final String ID = "^[A-Za-z0-9._-]{1,64}$";
    private static final String ID_MESSAGE = "must be 1-64 letters, digits, '.', '_' or '-'";

    private final Initiatives initiatives;
    private final CommandExecutor executor;
    private final Caller caller;

    public InitiativesResource(Initiatives initiatives, CommandExecutor executor, Caller caller) {
        this.initiatives = initiatives;
        this.executor = executor;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    @Operation(summary = "Launch an initiative for this year or the next")
    @APIResponse(responseCode = "201", description = "Launched; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InitiativeView.class)))
    public Uni<Response> launch(@HeaderParam("Idempotency-Key") String key, @Valid @NotNull InitiativeRequests.Launch request) {
        return executor.execute(caller, key, null, "POST /initiatives " + request, null, () -> initiatives.launch(request));
    }

    @GET
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM, Roles.PROGRAM_ADMIN})
    @Operation(summary = "Initiatives, optionally of one year, in the order launched")
    public Uni<InitiativeView.Page> listInitiatives(@QueryParam("year") @Min(2000) @Max(2100) Integer year, @QueryParam("cursor") String cursor,
                                         @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return initiatives.list(year, cursor, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM, Roles.PROGRAM_ADMIN})
    @Operation(summary = "Read an initiative")
    @APIResponse(responseCode = "200", description = "The initiative, its pledges and its version (also the ETag)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InitiativeView.class)))
    public Uni<Response> getInitiative(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id) {
        return initiatives.find(id).map(loaded -> Response.ok(initiatives.view(loaded.state(), loaded.version()))
                .tag(new EntityTag(Long.toString(loaded.version()))).build());
    }

    @POST
    @Path("/{id}/closure")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Close an initiative to new pledges")
    @APIResponse(responseCode = "200", description = "Closed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InitiativeView.class)))
    public Uni<Response> close(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id,
                               @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key) {
        return executor.execute(caller, key, null, "POST /initiatives/" + id + "/closure", ifMatch, () -> initiatives.close(id, IfMatch.version(ifMatch)));
    }

    @POST
    @Path("/{id}/sponsorships")
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM})
    @Operation(summary = "Pledge to sponsor an open initiative (once per ally)")
    @APIResponse(responseCode = "201", description = "Pledged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InitiativeView.class)))
    @APIResponse(responseCode = "409", description = "Closed, full, or already pledged")
    public Uni<Response> pledge(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id,
                                @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key,
                                @Valid InitiativeRequests.Pledge request) {
        String actingFor = caller.namedOrSelf(request == null ? null : request.allyId(), "allyId");
        return executor.execute(caller, key, actingFor, "POST /initiatives/" + id + "/sponsorships " + actingFor, ifMatch,
                () -> initiatives.pledge(id, actingFor, IfMatch.version(ifMatch)));
    }

    @POST
    @Path("/{id}/sponsorships/{allyId}/fulfilment")
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM})
    @Operation(summary = "Record a pledged sponsorship fulfilled, with its outcome")
    @APIResponse(responseCode = "200", description = "Recorded fulfilled, with its outcome",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InitiativeView.class)))
    public Uni<Response> fulfil(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id,
                                @PathParam("allyId") @Pattern(regexp = ID, message = ID_MESSAGE) String allyId,
                                @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key,
                                @Valid @NotNull InitiativeRequests.Fulfil request) {
        return executor.execute(caller, key, allyId, "POST /initiatives/" + id + "/sponsorships/" + allyId + "/fulfilment " + request, ifMatch,
                () -> initiatives.fulfil(id, allyId, IfMatch.version(ifMatch), request.outcome().strip()));
    }

    @POST
    @Path("/{id}/sponsorships/{allyId}/withdrawal")
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM})
    @Operation(summary = "Withdraw a pledged sponsorship, with a reason")
    @APIResponse(responseCode = "200", description = "Withdrawn",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InitiativeView.class)))
    public Uni<Response> withdrawPledge(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id,
                                  @PathParam("allyId") @Pattern(regexp = ID, message = ID_MESSAGE) String allyId,
                                  @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key,
                                  @Valid @NotNull InitiativeRequests.Withdraw request) {
        return executor.execute(caller, key, allyId, "POST /initiatives/" + id + "/sponsorships/" + allyId + "/withdrawal " + request, ifMatch,
                () -> initiatives.withdraw(id, allyId, IfMatch.version(ifMatch), request.reason().strip()));
    }
}

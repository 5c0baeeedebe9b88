package org.allyledger.recognition.nominations.api;

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
import org.allyledger.eventstore.ClaimTakenException;
import org.allyledger.writeapi.CommandExecutor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.YearMonth;

import static org.allyledger.recognition.nominations.api.NominationRequests.ID;
import static org.allyledger.recognition.nominations.api.NominationRequests.ID_MESSAGE;
import static org.allyledger.recognition.nominations.api.NominationRequests.MONTH;

/**
 * Nominations: colleagues nominate an ally for a month, others endorse, the nominator may withdraw, program
 * admins reject. Every POST takes an {@code Idempotency-Key}; commands on a nomination take {@code If-Match}.
 */
@Path("/nominations")
@Tag(name = "Nominations", description = "Colleagues nominate and endorse allies; HR moderates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NominationsResource {
    private final Nominations nominations;
    private final CommandExecutor executor;
    private final Caller caller;

    public NominationsResource(Nominations nominations, CommandExecutor executor, Caller caller) {
        this.nominations = nominations;
        this.executor = executor;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM})
    @Operation(summary = "Nominate a colleague for a month's Ally of the Month")
    @APIResponse(responseCode = "201", description = "Nominated; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NominationView.class)))
    @APIResponse(responseCode = "409", description = "Already nominated this colleague for the month (existing names it), or the month is awarded")
    @APIResponse(responseCode = "422", description = "Self-nomination, a future month, or a person who is not active")
    public Uni<Response> nominate(@HeaderParam("Idempotency-Key") String key, @Valid @NotNull NominationRequests.Nominate request) {
        String nominator = caller.namedOrSelf(request.nominatorId(), "nominatorId");
        return executor.execute(caller, key, nominator, "POST /nominations " + request, null, () -> nominations.submit(nominator, request))
                .onFailure(ClaimTakenException.class).recoverWithUni(nominations::duplicateOnClaim);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM, Roles.PROGRAM_ADMIN})
    @Operation(summary = "Read a nomination (an anonymous nominator is shown to program admins only)")
    @APIResponse(responseCode = "200", description = "The nomination and its version (also the ETag)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NominationView.class)))
    public Uni<Response> getNomination(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id) {
        return nominations.read(id).flatMap(loaded -> nominations.view(loaded.state(), loaded.version())
                .map(view -> Response.ok(view).tag(new EntityTag(Long.toString(loaded.version()))).build()));
    }

    @GET
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM, Roles.PROGRAM_ADMIN})
    @Operation(summary = "A month's nominations in the order submitted")
    public Uni<NominationView.Page> listNominations(@QueryParam("month") @NotNull @Pattern(regexp = MONTH, message = "must be a month as YYYY-MM") String month,
                                         @QueryParam("cursor") String cursor,
                                         @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return nominations.list(YearMonth.parse(month), cursor, limit);
    }

    @POST
    @Path("/{id}/endorsements")
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM})
    @Operation(summary = "Endorse a nomination (once; not by its nominator or nominee)")
    @APIResponse(responseCode = "200", description = "Endorsed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NominationView.class)))
    public Uni<Response> endorse(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id,
                                 @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key,
                                 @Valid NominationRequests.Endorse request) {
        String endorser = caller.namedOrSelf(request == null ? null : request.endorserId(), "endorserId");
        String note = request == null ? null : request.note();
        return executor.execute(caller, key, endorser, "POST /nominations/" + id + "/endorsements " + endorser + " " + note, ifMatch,
                () -> nominations.endorse(id, endorser, IfMatch.version(ifMatch), note));
    }

    @POST
    @Path("/{id}/withdrawal")
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM})
    @Operation(summary = "Withdraw one's nomination before the month is awarded")
    @APIResponse(responseCode = "200", description = "Withdrawn",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NominationView.class)))
    public Uni<Response> withdrawNomination(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id,
                                  @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key,
                                  @Valid NominationRequests.Withdraw request) {
        String nominator = caller.namedOrSelf(request == null ? null : request.nominatorId(), "nominatorId");
        return executor.execute(caller, key, nominator, "POST /nominations/" + id + "/withdrawal " + nominator, ifMatch,
                () -> nominations.withdraw(id, nominator, IfMatch.version(ifMatch)));
    }

    @POST
    @Path("/{id}/rejection")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    @Operation(summary = "Reject a nomination, with a reason")
    @APIResponse(responseCode = "200", description = "Rejected",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NominationView.class)))
    public Uni<Response> reject(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id,
                                @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key,
                                @Valid @NotNull NominationRequests.Reject request) {
        return executor.execute(caller, key, null, "POST /nominations/" + id + "/rejection " + request, ifMatch,
                () -> nominations.reject(id, IfMatch.version(ifMatch), request.reason().strip()));
    }
}

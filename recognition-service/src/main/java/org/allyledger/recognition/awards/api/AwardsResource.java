package org.allyledger.recognition.awards.api;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.allyledger.api.IfMatch;
import org.allyledger.api.auth.Caller;
import org.allyledger.api.auth.Roles;
import org.allyledger.writeapi.CommandExecutor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.YearMonth;

/** Ally of the Month: program admins award a month, which closes it, and may revoke the award. */
@Path("/awards/{month}")
@Tag(name = "Ally of the Month", description = "The monthly award, from the month's standings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AwardsResource {
    private static final String MONTH = "^\\d{4}-(0[1-9]|1[0-2])$";
    private static final String MONTH_MESSAGE = "must be a month as YYYY-MM";

    private final Awards awards;
    private final CommandExecutor executor;
    private final Caller caller;

    public AwardsResource(Awards awards, CommandExecutor executor, Caller caller) {
        this.awards = awards;
        this.executor = executor;
        this.caller = caller;
    }

    @Schema(name = "Award", example = "{\"winnerId\": \"e42\", \"note\": \"For amplifying voices in every design review.\"}")
    public record Award(@NotBlank @Pattern(regexp = "^[A-Za-z0-9._-]{1,64}$", message = "must be 1-64 letters, digits, '.', '_' or '-'") String winnerId,
                        @Size(max = 1000) String note) {
    }

    @Schema(name = "RevokeAward", example = "{\"reason\": \"Awarded to the wrong person.\"}")
    public record Revoke(@NotBlank @Size(max = 1000) String reason) {
    }

    @POST
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    @Operation(summary = "Award Ally of the Month; closes the month to nominations")
    @APIResponse(responseCode = "201", description = "Awarded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Awards.AwardView.class)))
    @APIResponse(responseCode = "409", description = "The month was already decided")
    @APIResponse(responseCode = "422", description = "The winner has no counting nomination, or won within the window")
    public Uni<Response> award(@PathParam("month") @Pattern(regexp = MONTH, message = MONTH_MESSAGE) String month,
                               @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key,
                               @Valid @NotNull Award request) {
        return executor.execute(caller, key, request.winnerId(), "POST /awards/" + month + " " + request, ifMatch,
                () -> awards.award(YearMonth.parse(month), request.winnerId(), request.note(), IfMatch.version(ifMatch)));
    }

    @POST
    @Path("/revocation")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    @Operation(summary = "Revoke a month's award, with a reason; the month stays closed")
    @APIResponse(responseCode = "200", description = "Revoked",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Awards.AwardView.class)))
    public Uni<Response> revoke(@PathParam("month") @Pattern(regexp = MONTH, message = MONTH_MESSAGE) String month,
                                @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key,
                                @Valid @NotNull Revoke request) {
        return executor.execute(caller, key, null, "POST /awards/" + month + "/revocation " + request, ifMatch,
                () -> awards.revoke(YearMonth.parse(month), request.reason().strip(), IfMatch.version(ifMatch)));
    }

    @GET
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM, Roles.PROGRAM_ADMIN})
    @Operation(summary = "A month's award: OPEN, AWARDED (with the winner) or REVOKED")
    @APIResponse(responseCode = "200", description = "The month's award (OPEN while undecided) and its version (also the ETag)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Awards.AwardView.class)))
    public Uni<Response> getAward(@PathParam("month") @Pattern(regexp = MONTH, message = MONTH_MESSAGE) String month) {
        return awards.read(YearMonth.parse(month)).map(view -> Response.ok(view).tag(new EntityTag(Long.toString(view.version()))).build());
    }
}

package org.allyledger.commitment.commitments.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.allyledger.writeapi.CommandResult;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.OptionalLong;

import static org.allyledger.commitment.commitments.api.CommitmentRequests.ID;
import static org.allyledger.commitment.commitments.api.CommitmentRequests.ID_MESSAGE;

/**
 * Commitments: an ally (or an HR system naming them) makes one, logs actions, amends, withdraws, renews.
 * Every POST takes an {@code Idempotency-Key}; commands on a commitment take {@code If-Match}.
 */
@Path("/commitments")
@Tag(name = "Commitments", description = "Allies' commitments to concrete behaviours, and the actions they log against them")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CommitmentsResource {
    private static final String ACTORS = Roles.EMPLOYEE + "," + Roles.HR_SYSTEM;

    private final Commitments commitments;
    private final LapseSweep lapseSweep;
    private final CommandExecutor executor;
    private final Caller caller;

    public CommitmentsResource(Commitments commitments, LapseSweep lapseSweep, CommandExecutor executor, Caller caller) {
        this.commitments = commitments;
        this.lapseSweep = lapseSweep;
        this.executor = executor;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM})
    @Operation(summary = "Make a commitment")
    @APIResponse(responseCode = "201", description = "Made; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommitmentView.class)))
    @APIResponse(responseCode = "422", description = "A rule is not met (period, target, ally not active)")
    public Uni<Response> make(@HeaderParam("Idempotency-Key") String key, @Valid @NotNull CommitmentRequests.Make request) {
        String actingFor = caller.namedOrSelf(request.allyId(), "allyId");
        return executor.execute(caller, key, actingFor, "POST /commitments " + request, null, () -> commitments.make(actingFor, request));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM, Roles.PROGRAM_ADMIN})
    @Operation(summary = "Read a commitment (another employee's only if it is public)")
    @APIResponse(responseCode = "200", description = "The commitment and its version (also the ETag)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommitmentView.class)))
    public Uni<Response> getCommitment(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id) {
        return commitments.read(id).flatMap(loaded -> commitments.view(loaded).map(view -> Response.ok(view)
                .tag(new EntityTag(Long.toString(loaded.version()))).build()));
    }

    @POST
    @Path("/{id}/actions")
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM})
    @Operation(summary = "Log an action; reaching the target fulfils the commitment")
    @APIResponse(responseCode = "201", description = "Logged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommitmentView.ActionLogged.class)))
    @APIResponse(responseCode = "200", description = "An HR system resent an action it had recorded (same externalRef): nothing new",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommitmentView.ActionLogged.class)))
    @APIResponse(responseCode = "409", description = "The commitment is closed, or If-Match is stale")
    public Uni<Response> logAction(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id,
                                   @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key,
                                   @Valid @NotNull CommitmentRequests.LogAction request) {
        OptionalLong expected = IfMatch.version(ifMatch);
        return executor.execute(caller, key, null, "POST /commitments/" + id + "/actions " + request, ifMatch, () -> commitments.logAction(id, expected, request));
    }

    @POST
    @Path("/{id}/amendments")
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM})
    @Operation(summary = "Amend the statement, target or end date of an active commitment")
    @APIResponse(responseCode = "200", description = "Amended",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommitmentView.class)))
    public Uni<Response> amend(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id,
                               @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key,
                               @Valid @NotNull CommitmentRequests.Amend request) {
        OptionalLong expected = IfMatch.version(ifMatch);
        return executor.execute(caller, key, null, "POST /commitments/" + id + "/amendments " + request, ifMatch, () -> commitments.amend(id, expected, request));
    }

    @POST
    @Path("/{id}/withdrawal")
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM})
    @Operation(summary = "Withdraw an active commitment, with a reason")
    @APIResponse(responseCode = "200", description = "Withdrawn",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommitmentView.class)))
    public Uni<Response> withdrawCommitment(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id,
                                  @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key,
                                  @Valid @NotNull CommitmentRequests.Withdraw request) {
        OptionalLong expected = IfMatch.version(ifMatch);
        return executor.execute(caller, key, null, "POST /commitments/" + id + "/withdrawal " + request, ifMatch, () -> commitments.withdraw(id, expected, request));
    }

    @POST
    @Path("/{id}/renewal")
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM})
    @Operation(summary = "Renew a fulfilled or lapsed commitment into a new one that links back")
    @APIResponse(responseCode = "201", description = "The new commitment; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommitmentView.class)))
    public Uni<Response> renew(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id,
                               @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key,
                               @Valid @NotNull CommitmentRequests.Renew request) {
        OptionalLong expected = IfMatch.version(ifMatch);
        return executor.execute(caller, key, null, "POST /commitments/" + id + "/renewal " + request, ifMatch, () -> commitments.renew(id, expected, request));
    }

    /** Runs the lapse sweep now, as the nightly schedule does. */
    @POST
    @Path("/lapse-sweeps")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Lapse every active commitment whose period has ended (also runs nightly)")
    @APIResponse(responseCode = "200", description = "How many commitments lapsed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LapseSweep.Result.class)))
    public Uni<Response> sweep(@HeaderParam("Idempotency-Key") String key) {
        return executor.executeBatch(caller, key, "POST /commitments/lapse-sweeps",
                () -> lapseSweep.sweep().map(lapsed -> new CommandResult(200, new LapseSweep.Result(lapsed), null, null)));
    }
}

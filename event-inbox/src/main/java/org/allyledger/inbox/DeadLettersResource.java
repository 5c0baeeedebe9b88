package org.allyledger.inbox;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.allyledger.api.auth.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operations on the records this service's consumers could not apply. */
@Path("/ops/dead-letters")
@Tag(name = "Operations", description = "For operators: dead letters and their redrive, projection status and rebuilds")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {
    private static final String WHOLE_NUMBER = "\\d{1,18}";

    private final DeadLetters deadLetters;

    public DeadLettersResource(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    @Operation(summary = "Dead letters, oldest first, with the reason each could not be applied")
    public Uni<DeadLetters.Page> listDeadLetters(@QueryParam("consumer") String consumer,
                                      @QueryParam("status") @Pattern(regexp = "DEAD|REDRIVEN", message = "must be DEAD or REDRIVEN") String status,
                                      @QueryParam("cursor") @Pattern(regexp = WHOLE_NUMBER, message = "must be a cursor from a previous page") String cursor,
                                      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return deadLetters.list(consumer, status, cursor == null ? 0 : Long.parseLong(cursor), limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    @Operation(summary = "One dead letter: the record as delivered, its reason and attempts")
    @APIResponse(responseCode = "404", description = "No such dead letter")
    @APIResponse(responseCode = "200", description = "The dead letter, its reason and its record",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetters.DeadLetter.class)))
    public Uni<DeadLetters.DeadLetter> getDeadLetter(@PathParam("id") @Pattern(regexp = WHOLE_NUMBER, message = "must be a dead letter's id") String id) {
        return deadLetters.get(Long.parseLong(id));
    }

    @POST
    @Path("/{id}/redrive")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    @Operation(summary = "Apply a dead letter again through its consumer's inbox, once its cause is fixed")
    @APIResponse(responseCode = "200", description = "Applied, or found applied before (status REDRIVEN); repeating changes nothing")
    @APIResponse(responseCode = "422", description = "It still cannot be applied; it stays dead with the new reason")
    public Uni<DeadLetters.DeadLetter> redriveDeadLetter(@PathParam("id") @Pattern(regexp = WHOLE_NUMBER, message = "must be a dead letter's id") String id) {
        return deadLetters.redrive(Long.parseLong(id));
    }

    @POST
    @Path("/redrive")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    @Operation(summary = "Apply every dead letter of a consumer again, oldest first")
    @APIResponse(responseCode = "404", description = "No such consumer in this service")
    @APIResponse(responseCode = "200", description = "How many were applied and how many stay dead",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetters.RedriveSummary.class)))
    public Uni<DeadLetters.RedriveSummary> redriveDeadLetters(@QueryParam("consumer") @NotNull String consumer) {
        return deadLetters.redriveAll(consumer);
    }
}

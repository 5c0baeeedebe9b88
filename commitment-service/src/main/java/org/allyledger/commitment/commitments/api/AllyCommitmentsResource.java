package org.allyledger.commitment.commitments.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

import static org.allyledger.commitment.commitments.api.CommitmentRequests.ID;
import static org.allyledger.commitment.commitments.api.CommitmentRequests.ID_MESSAGE;

/** An ally's commitments, under the person they belong to. */
@Path("/people/{allyId}/commitments")
@Tag(name = "Commitments", description = "Allies' commitments to concrete behaviours, and the actions they log against them")
@Produces(MediaType.APPLICATION_JSON)
public class AllyCommitmentsResource {
    private final Commitments commitments;

    public AllyCommitmentsResource(Commitments commitments) {
        this.commitments = commitments;
    }

    @GET
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM, Roles.PROGRAM_ADMIN})
    @Operation(summary = "An ally's commitments in the order made: all of one's own, only the public ones of others")
    public Uni<CommitmentView.Page> listAllyCommitments(@PathParam("allyId") @Pattern(regexp = ID, message = ID_MESSAGE) String allyId,
                                         @QueryParam("cursor") String cursor,
                                         @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return commitments.list(allyId, cursor, limit);
    }
}

package org.allyledger.recognition.people;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.allyledger.api.auth.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Whether recognition-service knows a person as active: what decides if they may nominate or be nominated. */
@Path("/people/{employeeId}/eligibility")
@Tag(name = "People replica", description = "Recognition's replica of the people directory, fed by the people topic (operators)")
@Produces(MediaType.APPLICATION_JSON)
public class PeopleReplicaResource {
    private final PeopleReplica replica;

    public PeopleReplicaResource(PeopleReplica replica) {
        this.replica = replica;
    }

    public record Eligibility(String employeeId, boolean active) {
    }

    @GET
    @RolesAllowed({Roles.EMPLOYEE, Roles.HR_SYSTEM, Roles.PROGRAM_ADMIN})
    @Operation(summary = "Is the person active in recognition's replica of the people directory")
    public Uni<Eligibility> eligibility(@PathParam("employeeId") String employeeId) {
        return replica.isActive(employeeId).map(active -> new Eligibility(employeeId, active));
    }
}

package org.allyledger.commitment.people.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.allyledger.api.IfMatch;
import org.allyledger.domain.Rejections;
import org.allyledger.api.auth.Caller;
import org.allyledger.api.auth.Roles;
import org.allyledger.eventstore.EventMetadata;
import org.allyledger.writeapi.CommandExecutor;
import org.allyledger.writeapi.CommandResult;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The people directory, synchronised by HR systems. */
@Path("/people")
@Tag(name = "People directory", description = "The employees Ally Ledger knows, kept by the HR system")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PeopleResource {
    static final String EMPLOYEE_ID = "^[A-Za-z0-9._-]{1,64}$";
    private static final String EMPLOYEE_ID_MESSAGE = "must be 1-64 letters, digits, '.', '_' or '-'";

    private final PeopleDirectory directory;
    private final PeopleImport imports;
    private final CommandExecutor commands;
    private final Caller caller;
    private final Clock clock;

    public PeopleResource(PeopleDirectory directory, PeopleImport imports, CommandExecutor commands, Caller caller,
                          Clock clock) {
        this.directory = directory;
        this.imports = imports;
        this.commands = commands;
        this.caller = caller;
        this.clock = clock;
    }

    /** The day a person left; today when not given. */
    public record Departure(@PastOrPresent LocalDate departedOn) {
    }

    /** Marks a person departed: they can no longer commit, log actions, pledge, nominate or be nominated. */
    @POST
    @Path("/{employeeId}/departure")
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(summary = "Mark a person departed")
    @APIResponse(responseCode = "200", description = "Departed (or already departed: nothing changes)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PersonResponse.class)))
    @APIResponse(responseCode = "404", description = "No such person")
    public Uni<Response> depart(
            @PathParam("employeeId") @Pattern(regexp = EMPLOYEE_ID, message = EMPLOYEE_ID_MESSAGE) String employeeId,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid Departure departure) {
        LocalDate departedOn = departure == null || departure.departedOn() == null ? LocalDate.now(clock) : departure.departedOn();
        return commands.execute(caller, idempotencyKey, employeeId, "POST /people/" + employeeId + "/departure " + departedOn, ifMatch,
                () -> directory.depart(employeeId, departedOn, IfMatch.version(ifMatch)));
    }

    /** Upserts many people at once; each valid row as {@code PUT} would, each invalid row reported. */
    @POST
    @Path("/imports")
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(summary = "Bulk import people (JSON array); re-sending the same rows changes nothing")
    @APIResponse(responseCode = "200", description = "What the import did, row by row",
            content = @Content(schema = @Schema(implementation = ImportReport.class)))
    public Uni<Response> importJson(@HeaderParam("Idempotency-Key") String idempotencyKey, @NotNull List<PersonImportRow> rows) {
        return runImport(idempotencyKey, "POST /people/imports json " + rows, rows);
    }

    @POST
    @Path("/imports")
    @Consumes("text/csv")
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(summary = "Bulk import people (CSV with a header row: employeeId,displayName,email,department,location,workModel,managerId,active)")
    @APIResponse(responseCode = "200", description = "What the import did, row by row",
            content = @Content(schema = @Schema(implementation = ImportReport.class)))
    public Uni<Response> importCsv(@HeaderParam("Idempotency-Key") String idempotencyKey, @NotNull String csv) {
        return runImport(idempotencyKey, "POST /people/imports csv " + csv, PeopleCsv.read(csv));
    }

    /** Re-sending rows changes nothing anyway; with a key, a retry also gets the first report back. */
    private Uni<Response> runImport(String idempotencyKey, String request, List<PersonImportRow> rows) {
        EventMetadata metadata = new EventMetadata(caller.actor(), null, correlation(idempotencyKey));
        return commands.executeBatch(caller, idempotencyKey, request,
                () -> imports.importAll(rows, metadata).map(report -> new CommandResult(200, report, null, null)));
    }

    private static String correlation(String idempotencyKey) {
        return idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
    }

    /** Creates or replaces a person; sending the same person again changes nothing and publishes nothing. */
    @PUT
    @Path("/{employeeId}")
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(summary = "Create or update a person (HR upsert)")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PersonResponse.class)))
    @APIResponse(responseCode = "200", description = "Updated, or unchanged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PersonResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid person")
    @APIResponse(responseCode = "409", description = "If-Match names a version that is no longer current")
    public Uni<Response> upsert(
            @PathParam("employeeId") @Pattern(regexp = EMPLOYEE_ID, message = EMPLOYEE_ID_MESSAGE) String employeeId,
            @Parameter(description = "The person's version as last read, e.g. \"3\"") @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull PersonRequest person) {
        return commands.execute(caller, idempotencyKey, employeeId, "PUT /people/" + employeeId + " " + person, ifMatch,
                () -> directory.upsert(employeeId, person.toProfile(), IfMatch.version(ifMatch)));
    }

    @GET
    @Path("/{employeeId}")
    @RolesAllowed({Roles.HR_SYSTEM, Roles.PROGRAM_ADMIN, Roles.EMPLOYEE})
    @Operation(summary = "Read a person (an employee reads only their own record)")
    @APIResponse(responseCode = "404", description = "No such person")
    @APIResponse(responseCode = "200", description = "The person and their version (also the ETag)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PersonResponse.class)))
    public Uni<Response> getPerson(@PathParam("employeeId") @Pattern(regexp = EMPLOYEE_ID, message = EMPLOYEE_ID_MESSAGE) String employeeId) {
        caller.requireSelfOr(employeeId, Roles.HR_SYSTEM, Roles.PROGRAM_ADMIN);
        return directory.find(employeeId).flatMap(loaded -> {
            if (!loaded.state().registered()) {
                throw Rejections.notFound("person", employeeId);
            }
            return directory.view(loaded).map(person -> Response.ok(person).tag(etag(loaded.version())).build());
        });
    }

    /**
     * Erases a person's personal data (right to erasure): their data key is destroyed, so their name, email and every
     * text sealed under it can no longer be read anywhere, and {@code PersonalDataErased} is published. Ids, dates,
     * categories and counts stay, so reports keep their figures. Repeating it changes nothing.
     */
    @POST
    @Path("/{employeeId}/erasure")
    @RolesAllowed(Roles.HR_SYSTEM)
    @Operation(summary = "Erase a person's personal data")
    @APIResponse(responseCode = "200", description = "Erased (or erased before: nothing changes); the entry now reads 'erased person'",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PersonResponse.class)))
    @APIResponse(responseCode = "404", description = "No such person")
    public Uni<Response> erase(
            @PathParam("employeeId") @Pattern(regexp = EMPLOYEE_ID, message = EMPLOYEE_ID_MESSAGE) String employeeId,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return commands.execute(caller, idempotencyKey, employeeId, "POST /people/" + employeeId + "/erasure", ifMatch,
                () -> directory.erase(employeeId, IfMatch.version(ifMatch)));
    }

    private static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }
}

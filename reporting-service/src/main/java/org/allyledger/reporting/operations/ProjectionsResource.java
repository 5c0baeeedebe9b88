package org.allyledger.reporting.operations;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Singleton;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.allyledger.api.auth.Roles;
import org.allyledger.inbox.TopicEnds;
import org.allyledger.reporting.projection.Projector;
import org.allyledger.reporting.projection.RebuildStatus;
import org.allyledger.reporting.projection.Rebuilds;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Operations: each projection's position per partition against the end of its topic, and rebuilds of a projection
 * from the start of the log beside the live read model, swapped in once caught up.
 * Reads with the SQL client, not a Hibernate session: the Kafka admin answers on threads of its own.
 */
@Path("/ops/projections")
@Tag(name = "Operations", description = "For operators: dead letters and their redrive, projection status and rebuilds")
@Produces(MediaType.APPLICATION_JSON)
@Singleton
public class ProjectionsResource {
    private static final String LIVE_POSITIONS = """
            select g.projection, g.generation, p.kafka_partition, p.kafka_offset, p.event_time, p.applied
            from projection_generations g
            left join lateral (select * from reporting_positions(g.schema_name) where consumer = g.projection) p on true""";

    private final Pool pool;
    private final TopicEnds topicEnds;
    private final Rebuilds rebuilds;

    public ProjectionsResource(Pool pool, TopicEnds topicEnds, Rebuilds rebuilds) {
        this.pool = pool;
        this.topicEnds = topicEnds;
        this.rebuilds = rebuilds;
    }

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.PROGRAM_ADMIN})
    @Operation(summary = "Each projection's last applied offset, end offset and lag per partition, and the time it last applied an event")
    public Uni<List<ProjectionStatus>> projections() {
        Map<String, Projector<?>> projectors = rebuilds.projectors();
        return pool.query(LIVE_POSITIONS).execute().flatMap(rows -> topicEnds.of(topics(projectors)).map(ends -> {
            Map<String, Integer> generations = new HashMap<>();
            Map<String, Map<Integer, ProjectionStatus.Position>> positions = new HashMap<>();
            for (Row row : rows) {
                generations.put(row.getString("projection"), row.getInteger("generation"));
                Map<Integer, ProjectionStatus.Position> applied = positions.computeIfAbsent(row.getString("projection"), name -> new HashMap<>());
                if (row.getInteger("kafka_partition") != null) {
                    applied.put(row.getInteger("kafka_partition"), ProjectionStatus.Position.of(row));
                }
            }
            List<ProjectionStatus> statuses = new ArrayList<>();
            projectors.values().forEach(projector -> statuses.add(ProjectionStatus.of(projector.name(),
                    generations.getOrDefault(projector.name(), 0), projector.topic(), positions.getOrDefault(projector.name(), Map.of()), ends)));
            return statuses;
        }));
    }

    /**
     * Starts a rebuild of the projection from the start of its topic into a new generation. Reports keep answering from
     * the live read model, which keeps applying new events, until the rebuild has caught up and is swapped in.
     */
    @POST
    @Path("/{projection}/rebuilds")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    @Operation(summary = "Rebuild a projection from the start of the log beside the live one; swapped in once caught up")
    @APIResponse(responseCode = "202", description = "Started; follow its progress at the Location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RebuildProgress.class)))
    @APIResponse(responseCode = "409", description = "A rebuild of this projection is running")
    public Uni<Response> rebuild(@PathParam("projection") String projection, @HeaderParam("Idempotency-Key") String idempotencyKey,
                                 @Context SecurityContext security) {
        return rebuilds.start(projection, security.getUserPrincipal().getName(), idempotencyKey).map(started -> {
            Response.ResponseBuilder response = Response.accepted(new RebuildProgress(started.rebuild(), null))
                    .location(URI.create("/ops/projections/" + projection + "/rebuilds/" + started.rebuild().rebuildId()));
            return (started.replayed() ? response.header("Idempotent-Replayed", "true") : response).build();
        });
    }

    @GET
    @Path("/{projection}/rebuilds")
    @RolesAllowed({Roles.ANALYST, Roles.PROGRAM_ADMIN})
    @Operation(summary = "The projection's rebuilds, newest first")
    public Uni<List<RebuildStatus>> rebuilds(@PathParam("projection") String projection) {
        return rebuilds.list(projection);
    }

    /** While it runs: how far the new generation stands in each partition of the topic, and its lag behind the end. */
    @GET
    @Path("/{projection}/rebuilds/{rebuildId}")
    @RolesAllowed({Roles.ANALYST, Roles.PROGRAM_ADMIN})
    @Operation(summary = "A rebuild's state and, while it runs, its position, lag and rate")
    public Uni<RebuildProgress> progress(@PathParam("projection") String projection, @PathParam("rebuildId") UUID rebuildId) {
        return rebuilds.find(projection, rebuildId).flatMap(rebuild -> {
            if (!rebuild.running()) {
                return Uni.createFrom().item(new RebuildProgress(rebuild, null));
            }
            Projector<?> projector = rebuilds.projectors().get(projection);
            return pool.preparedQuery("select * from reporting_positions($1) where consumer = $2")
                    .execute(Tuple.of(projector.schema(rebuild.generation()), projection))
                    .flatMap(rows -> topicEnds.of(List.of(projector.topic())).map(ends -> {
                        Map<Integer, ProjectionStatus.Position> positions = new HashMap<>();
                        rows.forEach(row -> positions.put(row.getInteger("kafka_partition"), ProjectionStatus.Position.of(row)));
                        return new RebuildProgress(rebuild, ProjectionStatus.of(projection, rebuild.generation(), projector.topic(), positions, ends));
                    }));
        });
    }

    @DELETE
    @Path("/{projection}/rebuilds/{rebuildId}")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    @Operation(summary = "Cancel a running rebuild; the live read model stays as it is")
    public Uni<RebuildStatus> cancel(@PathParam("projection") String projection, @PathParam("rebuildId") UUID rebuildId) {
        return rebuilds.cancel(projection, rebuildId);
    }

    private static List<String> topics(Map<String, Projector<?>> projectors) {
        return projectors.values().stream().map(Projector::topic).toList();
    }

    /** A rebuild with, while it runs, its generation's position against the end of the topic. */
    public record RebuildProgress(@JsonUnwrapped RebuildStatus rebuild, ProjectionStatus progress) {
    }
}

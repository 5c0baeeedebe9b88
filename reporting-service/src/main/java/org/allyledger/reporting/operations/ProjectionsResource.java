package org.allyledger.reporting.operations;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.allyledger.api.auth.Roles;
import org.allyledger.contracts.Topics;
import org.allyledger.reporting.commitments.CommitmentsProjection;
import org.allyledger.reporting.people.PeopleProjection;
import org.allyledger.reporting.recognition.RecognitionProjection;
import org.allyledger.reporting.sponsorship.SponsorshipsProjection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Operations: each projection's position per partition against the end of its topic. */
@Path("/ops/projections")
@Tag(name = "Operations")
@Produces(MediaType.APPLICATION_JSON)
@Singleton
public class ProjectionsResource {
    private static final Map<String, String> TOPICS = new LinkedHashMap<>();

    static {
        TOPICS.put(PeopleProjection.NAME, Topics.PEOPLE);
        TOPICS.put(CommitmentsProjection.NAME, Topics.COMMITMENTS);
        TOPICS.put(SponsorshipsProjection.NAME, Topics.SPONSORSHIPS);
        TOPICS.put(RecognitionProjection.NAME, Topics.RECOGNITION);
    }

    private static final String POSITIONS = """
            select p.consumer, p.kafka_partition, p.kafka_offset, p.event_time,
                   (select count(*) from consumed_events c where c.consumer = p.consumer and c.kafka_partition = p.kafka_partition)
            from projection_positions p""";

    private final Admin admin;
    private final Pool pool;

    public ProjectionsResource(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, Pool pool) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.pool = pool;
    }

    void close(@Observes ShutdownEvent event) {
        admin.close();
    }

    /** Reads with the SQL client, not a Hibernate session: the Kafka admin answers on threads of its own. */
    @GET
    @RolesAllowed({Roles.ANALYST, Roles.PROGRAM_ADMIN})
    @Operation(summary = "Each projection's last applied offset, end offset and lag per partition, and the time it last applied an event")
    public Uni<List<ProjectionStatus>> projections() {
        return pool.query(POSITIONS).execute().flatMap(result -> endOffsets().map(ends -> {
            List<Object[]> rows = new ArrayList<>();
            for (Row row : result) {
                rows.add(new Object[]{row.getString(0), row.getInteger(1), row.getLong(2), row.getOffsetDateTime(3), row.getLong(4)});
            }
            List<ProjectionStatus> statuses = new ArrayList<>();
            for (Map.Entry<String, String> projection : TOPICS.entrySet()) {
                Map<Integer, Object[]> applied = new HashMap<>();
                for (Object[] row : rows) {
                    if (projection.getKey().equals(row[0])) {
                        applied.put(((Number) row[1]).intValue(), row);
                    }
                }
                List<ProjectionStatus.Partition> partitions = new ArrayList<>();
                long events = 0;
                long lag = 0;
                for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                    if (!end.getKey().topic().equals(projection.getValue())) {
                        continue;
                    }
                    Object[] row = applied.get(end.getKey().partition());
                    long last = row == null ? -1 : ((Number) row[2]).longValue();
                    long partitionLag = Math.max(0, end.getValue() - (last + 1));
                    events += row == null ? 0 : ((Number) row[4]).longValue();
                    lag += partitionLag;
                    partitions.add(new ProjectionStatus.Partition(end.getKey().partition(), last, end.getValue(), partitionLag,
                            row == null ? null : (OffsetDateTime) row[3]));
                }
                partitions.sort(java.util.Comparator.comparingInt(ProjectionStatus.Partition::partition));
                statuses.add(new ProjectionStatus(projection.getKey(), projection.getValue(), events, lag, partitions));
            }
            return statuses;
        }));
    }

    private Uni<Map<TopicPartition, Long>> endOffsets() {
        return Uni.createFrom().completionStage(admin.describeTopics(TOPICS.values()).allTopicNames().toCompletionStage())
                .onFailure().recoverWithItem(Map.of())
                .flatMap(descriptions -> {
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    descriptions.forEach((topic, description) -> description.partitions()
                            .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
                    return Uni.createFrom().completionStage(admin.listOffsets(latest).all().toCompletionStage());
                })
                .map(offsets -> {
                    Map<TopicPartition, Long> ends = new HashMap<>();
                    offsets.forEach((partition, info) -> ends.put(partition, info.offset()));
                    return ends;
                });
    }
}

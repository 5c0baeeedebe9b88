package org.allyledger.reporting.projection;

import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs one rebuild on a thread of its own: reads the projection's topic from the start (or from where its
 * generation stands, when resumed) with a consumer outside any group, applies it batch by batch, and swaps the
 * generation in once it has reached the end of every partition and holds everything the live one has applied.
 */
final class RebuildRunner {
    private static final Logger LOG = Logger.getLogger(RebuildRunner.class);
    private static final int BATCH = 500;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);
    private static final Duration DATABASE = Duration.ofSeconds(30);

    private final UUID rebuildId;
    private final Projector<?> projector;
    private final int generation;
    private final String schema;
    private final String runner;
    private final Pool pool;
    private final ReadModels readModels;
    private final Map<String, Object> kafka;
    private final Runnable onExit;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile long recordsRead;
    private volatile long recordsRemaining = -1;
    private long malformed;

    RebuildRunner(UUID rebuildId, Projector<?> projector, int generation, String runner, long recordsRead, long malformed, Pool pool,
                  ReadModels readModels, Map<String, Object> kafka, Runnable onExit) {
        this.rebuildId = rebuildId;
        this.projector = projector;
        this.generation = generation;
        this.schema = projector.schema(generation);
        this.runner = runner;
        this.recordsRead = recordsRead;
        this.malformed = malformed;
        this.pool = pool;
        this.readModels = readModels;
        this.kafka = kafka;
        this.onExit = onExit;
        this.thread = new Thread(this::run, "rebuild-" + schema);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    String projection() {
        return projector.name();
    }

    /** Records read into the generation so far, by this runner and those before it. */
    long recordsRead() {
        return recordsRead;
    }

    /** Records between where the generation stands and the end of the topic, as last measured; -1 before the first measure. */
    long recordsRemaining() {
        return recordsRemaining;
    }

    void stop() {
        stopping = true;
    }

    void awaitStopped() {
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long startedAt = System.nanoTime();
        long readBefore = recordsRead;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(projector.topic()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            seekToWhereTheGenerationStands(consumer, partitions);
            long lastHeartbeat = System.nanoTime();
            while (!stopping) {
                ConsumerRecords<String, String> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    apply(records);
                }
                if (System.nanoTime() - lastHeartbeat > HEARTBEAT.toNanos() || records.count() < BATCH) {
                    if (!heartbeat()) {
                        endWithoutSwap();
                        return;
                    }
                    lastHeartbeat = System.nanoTime();
                }
                if (records.count() < BATCH && atEnd(consumer, partitions) && tallied() && swapped()) {
                    double seconds = (System.nanoTime() - startedAt) / 1e9;
                    LOG.infof("%s rebuilt into %s and swapped in: %d records in %.1f s (%.0f records/s)", projector.name(), schema,
                            recordsRead - readBefore, seconds, (recordsRead - readBefore) / seconds);
                    return;
                }
            }
            heartbeat(); // the service stops: what was read so far counts when another runner resumes
        } catch (RuntimeException e) {
            LOG.errorf(e, "the rebuild of %s into %s stopped; a restart of the service resumes it", projector.name(), schema);
        } finally {
            onExit.run();
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, BATCH);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "reporting-rebuild-" + schema);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    /** From the start on a new generation; after the last record it applied when resumed. */
    private void seekToWhereTheGenerationStands(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
        Map<Integer, Long> applied = new HashMap<>();
        for (Row row : pool.preparedQuery("select kafka_partition, kafka_offset from reporting_positions($1) where consumer = $2")
                .execute(Tuple.of(schema, projector.name())).await().atMost(DATABASE)) {
            applied.put(row.getInteger(0), row.getLong(1));
        }
        for (TopicPartition partition : partitions) {
            Long last = applied.get(partition.partition());
            if (last == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, last + 1);
            }
        }
    }

    private void apply(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        try {
            malformed += VertxContextSupport.subscribeAndAwait(() -> readModels.applyToGeneration(projector, schema, batch));
        } catch (Throwable e) {
            throw new IllegalStateException("a batch could not be applied to " + schema, e);
        }
        recordsRead += batch.size();
    }

    /** No longer this runner's: cancelled (its generation is dropped), or taken over by another replica (it is not). */
    private void endWithoutSwap() {
        String status = pool.preparedQuery("select status from projection_rebuilds where rebuild_id = $1").execute(Tuple.of(rebuildId))
                .await().atMost(DATABASE).iterator().next().getString(0);
        if (RebuildStatus.CANCELLED.equals(status)) {
            LOG.infof("the rebuild of %s into %s was cancelled", projector.name(), schema);
            drop(pool, schema);
        } else {
            LOG.infof("the rebuild of %s into %s is %s elsewhere", projector.name(), schema, status.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Records progress; false once the rebuild is no longer this runner's to run. */
    private boolean heartbeat() {
        return pool.preparedQuery("update projection_rebuilds set records_read = $2, malformed_skipped = $3, heartbeat_at = now()"
                        + " where rebuild_id = $1 and status = 'RUNNING' and worker = $4")
                .execute(Tuple.of(rebuildId, recordsRead, malformed, runner)).await().atMost(DATABASE).rowCount() == 1;
    }

    private boolean atEnd(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        recordsRemaining = partitions.stream().mapToLong(partition -> Math.max(0, ends.get(partition) - consumer.position(partition))).sum();
        return recordsRemaining == 0;
    }

    /**
     * The generation's tallies counted from its facts and their triggers attached, once it has read to the end (the
     * rebuild applies its facts without them); false while that could not be done, which is tried again.
     */
    private boolean tallied() {
        try {
            pool.preparedQuery("select reporting_complete_generation($1, $2)").execute(Tuple.of(projector.name(), schema))
                    .await().atMost(DATABASE);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("the tallies of %s were not counted yet: %s", schema, e.getMessage());
            return false;
        }
    }

    /**
     * In one transaction: swaps the generation in if it holds everything the live one applied, and records the
     * rebuild as swapped. The generation it replaced is dropped after the commit.
     */
    private boolean swapped() {
        String replaced;
        try {
            replaced = pool.withTransaction(connection -> connection.preparedQuery("select reporting_swap_generation($1, $2, $3)")
                    .execute(Tuple.of(projector.name(), schema, generation))
                    .map(rows -> rows.iterator().next().getString(0))
                    .call(old -> old == null ? io.smallrye.mutiny.Uni.createFrom().voidItem() : connection.preparedQuery(
                                    "update projection_rebuilds set status = 'SWAPPED', finished_at = now(), records_read = $2,"
                                            + " malformed_skipped = $3, heartbeat_at = now() where rebuild_id = $1 and status = 'RUNNING'")
                            .execute(Tuple.of(rebuildId, recordsRead, malformed))
                            .invoke(rows -> {
                                if (rows.rowCount() != 1) {
                                    throw new IllegalStateException("the rebuild was cancelled");
                                }
                            }))).await().atMost(DATABASE);
        } catch (RuntimeException e) {
            LOG.debugf("the swap of %s did not happen yet: %s", schema, e.getMessage());
            return false;
        }
        if (replaced == null) {
            return false;
        }
        drop(pool, replaced);
        return true;
    }

    static void drop(Pool pool, String generationSchema) {
        try {
            pool.preparedQuery("select reporting_drop_generation($1)").execute(Tuple.of(generationSchema)).await().atMost(DATABASE);
        } catch (RuntimeException e) {
            LOG.warnf("%s was not dropped (%s); the next start drops it", generationSchema, e.getMessage());
        }
    }
}

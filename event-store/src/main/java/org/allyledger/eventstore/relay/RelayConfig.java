package org.allyledger.eventstore.relay;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The Debezium relay of a write service; the engine's own settings are every {@code debezium.*} property. */
@ConfigMapping(prefix = "allyledger.relay")
public interface RelayConfig {

    /** Off for a replica that only serves the API; another replica (or a later start) publishes. */
    @WithDefault("true")
    boolean enabled();

    /** The replication slot, unique in the PostgreSQL cluster; also names the advisory lock and the offsets. */
    String slotName();

    /** The CloudEvents source of every event this service publishes, e.g. {@code /allyledger/commitment-service}. */
    String source();

    /** Wait before restarting the engine after a failure (Kafka or PostgreSQL unreachable). */
    @WithDefault("5s")
    Duration retryBackoff();

    /** How often a standby replica tries to become the publisher. */
    @WithDefault("5s")
    Duration standbyPoll();

    /** Longest wait for Kafka to acknowledge a batch; beyond the producer's delivery timeout. */
    @WithDefault("150s")
    Duration ackTimeout();
}

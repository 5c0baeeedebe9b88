package org.allyledger.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The service's PostgreSQL database ({@code allyledger.db.*}), which its datasources, Flyway and its relay share.
 * The production profile has no default for any of it: start-up fails naming what is missing.
 */
@ConfigMapping(prefix = "allyledger.db")
public interface DatabaseConfig {
    String host();

    int port();

    /** The service's own database: commitment, recognition or reporting. */
    String name();

    String user();

    String password();

    /**
     * Requests that may wait for a connection of the service's pool; one more is answered {@code 503 busy} at once.
     * A waiting request holds about 20 KiB of heap: 2,048 of them fit beside the service in its heap, and absorb the
     * first seconds after a start, when a cold service serves more slowly than requests arrive.
     */
    @WithDefault("2048")
    int maxWaiting();

    /**
     * How long a request may wait for a connection; then it is answered {@code 503 busy} too. The reactive client keeps
     * the timer of every wait it refused until this time has passed (vertx-sql-client issue 1706), and the timer holds
     * the refused request's memory: with the client's 30 s, a cold commitment-service refusing 200 requests a second
     * held 8,900 of them, filled its heap and spent its time in back-to-back full collections.
     */
    @WithDefault("5s")
    Duration maxWait();

    default String jdbcUrl() {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + name();
    }
}

package org.allyledger.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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

    /** Requests that may wait for a connection of the service's pool; one more is answered {@code 503 busy} at once. */
    @WithDefault("256")
    int maxWaiting();

    default String jdbcUrl() {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + name();
    }
}

package org.allyledger.infra.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.allyledger.infra.EmbeddedPostgresServer;

import java.util.Map;

/**
 * Gives a Quarkus test its own database on the JVM's embedded PostgreSQL, as the {@code allyledger.db.*}
 * properties every service derives its datasource and Debezium settings from.
 * Init arg {@code database} names the database (default {@code allyledger}).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private String database = "allyledger";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        EmbeddedPostgresServer postgres = TestInfrastructure.postgres();
        postgres.createDatabaseIfMissing(database);
        return Map.of(
                "allyledger.db.host", "localhost",
                "allyledger.db.port", String.valueOf(postgres.port()),
                "allyledger.db.name", database,
                "allyledger.db.user", EmbeddedPostgresServer.USER,
                "allyledger.db.password", EmbeddedPostgresServer.PASSWORD);
    }

    @Override
    public void stop() {
        // the server outlives a profile; TestInfrastructure stops it with the JVM
    }
}

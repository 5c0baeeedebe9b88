package org.allyledger.infra.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Gives a Quarkus test its own database on the JVM's shared PostgreSQL (TestInfrastructure), as the {@code allyledger.db.*}
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
        TestPostgres postgres = TestInfrastructure.postgres();
        postgres.createDatabaseIfMissing(database);
        return Map.of(
                "allyledger.db.host", postgres.host(),
                "allyledger.db.port", String.valueOf(postgres.port()),
                "allyledger.db.name", database,
                "allyledger.db.user", postgres.user(),
                "allyledger.db.password", postgres.password());
    }

    @Override
    public void stop() {
        // the server outlives a profile; TestInfrastructure stops it with the JVM
    }
}

package org.allyledger.infra.testing;

/** The PostgreSQL 17 server the tests of a JVM share, with logical replication on, embedded or in a container. */
public interface TestPostgres {
    String host();

    int port();

    String user();

    String password();

    void createDatabaseIfMissing(String database);
}

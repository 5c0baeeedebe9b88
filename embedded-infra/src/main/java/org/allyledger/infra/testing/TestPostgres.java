package org.allyledger.infra.testing;

import org.allyledger.infra.EmbeddedPostgresServer;

/** The PostgreSQL 17 server the tests of a JVM share, with logical replication on, embedded or in a container. */
public record TestPostgres(String host, int port, String user, String password) {

    public void createDatabaseIfMissing(String database) {
        EmbeddedPostgresServer.createDatabaseIfMissing("jdbc:postgresql://" + host + ":" + port + "/postgres", user, password, database);
    }
}

package org.allyledger.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL 17 server from the zonky binaries, configured for logical decoding (Debezium's pgoutput).
 * The data directory is kept across restarts unless {@code clean} is asked for.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    public static final String USER = "postgres";
    /** zonky's initdb trusts local connections; the password is only there because clients insist on one. */
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param workDir where the binaries are unpacked (shared by every server started from it)
     * @param dataDir the cluster's data directory
     * @param port    0 picks a free port
     */
    public static EmbeddedPostgresServer start(Path workDir, Path dataDir, int port, boolean clean) {
        return start(workDir, dataDir, port, clean, null, true);
    }

    /**
     * As {@link #start(Path, Path, int, boolean)}, with PostgreSQL's own output ({@code initdb}, {@code pg_ctl}, the
     * server log) appended to {@code log}, and a stale {@code postmaster.pid} left by a crash removed. It is stopped by
     * {@link #close()} only, not as the JVM exits: the caller stops it after the services that use it, which would
     * otherwise lose their database while they stop.
     */
    public static EmbeddedPostgresServer start(Path workDir, Path dataDir, int port, boolean clean, Path log) {
        return start(workDir, dataDir, port, clean, log, false);
    }

    private static EmbeddedPostgresServer start(Path workDir, Path dataDir, int port, boolean clean, Path log, boolean stopOnExit) {
        try {
            Files.createDirectories(workDir);
            removeStalePidFile(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workDir.toFile())
                    .setDataDirectory(dataDir.toFile())
                    .setCleanDataDirectory(clean)
                    .setRegisterShutdownHook(stopOnExit)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "10")
                    .setServerConfig("max_wal_senders", "10")
                    // zonky turns this off; only flushed WAL is decoded, and durability is the point
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("max_connections", "200");
            if (port > 0) {
                builder.setPort(port);
            }
            if (log != null) {
                Files.createDirectories(log.getParent());
                builder.setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
                builder.setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL failed to start in " + dataDir, e);
        }
    }

    /**
     * The postmaster of a data directory, while it runs: after its launcher was killed it runs on, unsupervised,
     * holding the directory and the port.
     */
    public static java.util.Optional<ProcessHandle> runningPostmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return java.util.Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
        } catch (IOException | RuntimeException unreadable) {
            return java.util.Optional.empty();
        }
    }

    /** A crash leaves postmaster.pid behind; when no postmaster of that pid runs, it only stops the next start. */
    private static void removeStalePidFile(Path dataDir) throws IOException {
        if (Files.isRegularFile(dataDir.resolve("postmaster.pid")) && runningPostmaster(dataDir).isEmpty()) {
            Files.delete(dataDir.resolve("postmaster.pid"));
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Creates the database unless it exists; each service owns one. */
    public void createDatabaseIfMissing(String database) {
        createDatabaseIfMissing(jdbcUrl("postgres"), USER, PASSWORD, database);
    }

    /** As {@link #createDatabaseIfMissing(String)}, on any PostgreSQL server, through one of its databases. */
    public static void createDatabaseIfMissing(String serverUrl, String user, String password, String database) {
        try (Connection c = DriverManager.getConnection(serverUrl, user, password);
             PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("create database \"" + database.replace("\"", "") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

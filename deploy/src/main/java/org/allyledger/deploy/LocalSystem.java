package org.allyledger.deploy;

import org.allyledger.contracts.Topics;
import org.allyledger.infra.EmbeddedKafkaBroker;
import org.allyledger.infra.EmbeddedPostgresServer;
import org.allyledger.infra.FreePorts;
import org.allyledger.infra.auth.SigningKeys;
import org.allyledger.infra.auth.Tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole of Ally Ledger on one machine: an embedded PostgreSQL with a database per service, an embedded
 * Kafka broker, and each service's packaged application as its own process. Everything it stores is under
 * {@code dataDir}, so a restart on the same directory finds every event, topic and read model again.
 */
public final class LocalSystem implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Path repository;
    private final Path dataDir;
    private final Ports ports;
    private final Map<Service, Process> processes = new EnumMap<>(Service.class);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private SigningKeys keys;
    private boolean deleteOnClose;

    /** Fixed ports for the launcher, free ones for tests that run beside it. */
    public record Ports(int postgres, int kafka, Map<Service, Integer> http) {

        public static Ports defaults() {
            Map<Service, Integer> http = new EnumMap<>(Service.class);
            for (Service service : Service.values()) {
                http.put(service, service.defaultPort);
            }
            return new Ports(55432, 59092, http);
        }

        /** Ports free now, so that a second system runs beside a local launcher. */
        public static Ports free() {
            Map<Service, Integer> http = new EnumMap<>(Service.class);
            for (Service service : Service.values()) {
                http.put(service, FreePorts.next());
            }
            return new Ports(FreePorts.next(), FreePorts.next(), http);
        }
    }

    /** A started system on free ports in a scratch directory that {@link #close()} deletes: for benchmarks. */
    public static LocalSystem scratch(Path repository) {
        try {
            LocalSystem system = new LocalSystem(repository, Files.createTempDirectory("allyledger-scratch"), Ports.free());
            system.deleteOnClose = true;
            return system.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LocalSystem(Path repository, Path dataDir, Ports ports) {
        this.repository = repository.toAbsolutePath();
        this.dataDir = dataDir.toAbsolutePath();
        this.ports = ports;
    }

    /** Starts the engines, then the services, and returns once every service reports ready. */
    public LocalSystem start() {
        for (Service service : Service.values()) {
            Path app = application(service);
            if (!Files.isRegularFile(app)) {
                throw new IllegalStateException(app + " is missing: build first (./mvnw -DskipTests package)");
            }
        }
        try {
            Files.createDirectories(dataDir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keys = SigningKeys.in(dataDir.resolve("dev-keys"));
        postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres-binaries"), dataDir.resolve("postgres"), ports.postgres(), false);
        for (Service service : Service.values()) {
            postgres.createDatabaseIfMissing(service.database);
        }
        kafka = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), ports.kafka(), 3);
        kafka.createTopics(3, Topics.PEOPLE, Topics.COMMITMENTS, Topics.SPONSORSHIPS, Topics.RECOGNITION);
        for (Service service : Service.values()) {
            startService(service);
        }
        for (Service service : Service.values()) {
            awaitReady(service);
        }
        return this;
    }

    /** Starts a service in the "local" profile, which trusts the development key pair. */
    public void startService(Service service) {
        processes.put(service, launch(service, "local", ports.http().get(service)));
    }

    /**
     * Starts a service's application with the development key in the given profile and port, outside the set
     * this system manages; its output goes to {@code logs/<module>-<profile>.log}.
     */
    public Process launch(Service service, String profile, int httpPort) {
        Path log = dataDir.resolve("logs").resolve(service.module + ("local".equals(profile) ? "" : "-" + profile) + ".log");
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xms64m", "-Xmx512m",
                "-Dquarkus.profile=" + profile,
                "-Dmp.jwt.verify.issuer=" + Tokens.DEV_ISSUER,
                "-Dmp.jwt.verify.publickey.location=" + keys.publicKeyFile().toUri(),
                "-Dallyledger.recognition.nominator-key=" + keys.secret("nominator", 32),
                "-Dquarkus.http.port=" + httpPort,
                "-Dallyledger.db.host=localhost",
                "-Dallyledger.db.port=" + postgres.port(),
                "-Dallyledger.db.user=" + EmbeddedPostgresServer.USER,
                "-Dallyledger.db.password=" + EmbeddedPostgresServer.PASSWORD,
                "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "-jar", application(service).toString()));
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service.module, e);
        }
    }

    /** Stops a service gracefully (SIGTERM), as an operator or an orchestrator would. */
    public void stopService(Service service) {
        Process process = processes.remove(service);
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void awaitReady(Service service) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        URI ready = url(service, "/q/health/ready");
        while (Instant.now().isBefore(deadline)) {
            Process process = processes.get(service);
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException(service.module + " exited; see " + dataDir.resolve("logs").resolve(service.module + ".log"));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(250);
        }
        throw new IllegalStateException(service.module + " not ready after " + READY_TIMEOUT);
    }

    public URI url(Service service, String path) {
        return URI.create("http://localhost:" + ports.http().get(service) + path);
    }

    /** A bearer token the services trust, signed with the development key. */
    public String token(String subject, String role) {
        return new Tokens(Tokens.DEV_ISSUER, keys.privateKey()).mint(subject, role, Duration.ofHours(8));
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public int postgresPort() {
        return postgres.port();
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        for (Service service : Service.values()) {
            stopService(service);
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        if (deleteOnClose) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Path application(Service service) {
        return repository.resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

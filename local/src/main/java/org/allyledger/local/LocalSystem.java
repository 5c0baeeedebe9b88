package org.allyledger.local;

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
    /** The services this system started, by pid, so that a launcher started after a crash of this one stops them. */
    static final String PID_FILE = "services.pid";
    private static final String QUARKUS_RUN = "quarkus-run.jar";

    private final Path repository;
    private final Path dataDir;
    private final Ports ports;
    private final Map<Service, Process> processes = new EnumMap<>(Service.class);
    private final Map<Service, Long> launchedAt = new EnumMap<>(Service.class);
    private final Map<Service, Duration> readiness = new EnumMap<>(Service.class);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private SigningKeys keys;
    private boolean deleteOnClose;
    private boolean closed;
    /** As the JVM exits (Ctrl-C, SIGTERM), everything stops in order: the services, then Kafka, then PostgreSQL. */
    private final Thread stopOnExit = new Thread(this::close, "allyledger-local-system-stop");

    /** Fixed ports for the launcher, free ones for tests that run beside it. */
    public record Ports(int postgres, int kafka, Map<Service, Integer> http) {

        /**
         * The ports named by {@code allyledger.ports} ({@code postgres,kafka,commitment,recognition,reporting}), else
         * the defaults.
         */
        public static Ports fromSystemProperty() {
            String named = System.getProperty("allyledger.ports");
            if (named == null || named.isBlank()) {
                return defaults();
            }
            String[] parts = named.split(",");
            Map<Service, Integer> http = new EnumMap<>(Service.class);
            for (Service service : Service.values()) {
                http.put(service, Integer.parseInt(parts[2 + service.ordinal()].strip()));
            }
            return new Ports(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()), http);
        }

        /** As {@code allyledger.ports} names them, for a launcher started by a test. */
        public String asProperty() {
            return postgres + "," + kafka + "," + http.get(Service.COMMITMENT) + "," + http.get(Service.RECOGNITION) + ","
                    + http.get(Service.REPORTING);
        }

        public static Ports defaults() {
            Map<Service, Integer> http = new EnumMap<>(Service.class);
            for (Service service : Service.values()) {
                http.put(service, service.defaultPort);
            }
            return new Ports(55432, 59092, http);
        }

        /** Ports free now, so that a second system runs beside a local launcher. */
        public static Ports free() {
            // Kafka's controller listens on its port + 1: that one must be free too, and given to nothing else
            int kafka = FreePorts.nextPair();
            java.util.Set<Integer> chosen = new java.util.HashSet<>(List.of(kafka, kafka + 1));
            Map<Service, Integer> http = new EnumMap<>(Service.class);
            for (Service service : Service.values()) {
                http.put(service, distinctFreePort(chosen));
            }
            return new Ports(distinctFreePort(chosen), kafka, http);
        }

        private static int distinctFreePort(java.util.Set<Integer> chosen) {
            int port;
            do {
                port = FreePorts.next();
            } while (!chosen.add(port));
            return port;
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

    private List<String> serviceProperties = List.of();

    public LocalSystem(Path repository, Path dataDir, Ports ports) {
        this.repository = repository.toAbsolutePath();
        this.dataDir = dataDir.toAbsolutePath();
        this.ports = ports;
    }

    /** Starts the engines, then the services, and returns once every service reports ready. */
    public LocalSystem start() {
        startEngines();
        for (Service service : Service.values()) {
            startService(service);
        }
        for (Service service : Service.values()) {
            awaitReady(service);
        }
        return this;
    }

    /** A system in a scratch directory, on free ports, with only PostgreSQL and Kafka started: for benchmarks that start each service. */
    public static LocalSystem scratchEngines(Path repository) {
        try {
            LocalSystem system = new LocalSystem(repository, Files.createTempDirectory("allyledger-scratch"), Ports.free());
            system.deleteOnClose = true;
            system.startEngines();
            return system;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PostgreSQL with a database per service, and Kafka with every declared topic. */
    private void startEngines() {
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
        stopOrphans();
        requireFreePorts();
        keys = SigningKeys.in(dataDir.resolve("dev-keys"));
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres-binaries"), dataDir.resolve("postgres"), ports.postgres(), false,
                dataDir.resolve("logs").resolve("postgres.log"));
        for (Service service : Service.values()) {
            postgres.createDatabaseIfMissing(service.database);
        }
        kafka = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), ports.kafka(), Topics.PARTITIONS);
        kafka.declareTopics(Topics.DECLARED);
    }

    /** System properties every service of this system starts with, overriding the launcher's (e.g. to turn tracing on). */
    public LocalSystem withServiceProperties(List<String> properties) {
        serviceProperties = List.copyOf(properties);
        return this;
    }

    /** Starts a service in the "local" profile, which trusts the development key pair. */
    public void startService(Service service) {
        launchedAt.put(service, System.nanoTime());
        processes.put(service, launch(service, "local", ports.http().get(service), serviceProperties));
        writePidFile();
    }

    /** How long the service took from its launch to its first ready answer, once {@link #awaitReady} saw it. */
    public Duration readiness(Service service) {
        return readiness.get(service);
    }

    /** The process of a running service. */
    public Process process(Service service) {
        return processes.get(service);
    }

    /**
     * The services of a launcher that was killed run on, unsupervised, and so does its PostgreSQL: the pid file
     * names them, and they are stopped before anything starts on their data and ports.
     */
    private void stopOrphans() {
        Path pidFile = dataDir.resolve(PID_FILE);
        if (Files.isRegularFile(pidFile)) {
            try {
                for (String line : Files.readAllLines(pidFile)) {
                    String[] parts = line.strip().split(" ");
                    if (parts.length == 2) {
                        ProcessHandle.of(Long.parseLong(parts[1]))
                                .filter(process -> process.info().commandLine()
                                        .map(command -> command.contains(QUARKUS_RUN) && command.contains(repository.toString())).orElse(false))
                                .ifPresent(orphan -> stop(orphan, parts[0]));
                    }
                }
                Files.delete(pidFile);
            } catch (IOException | NumberFormatException e) {
                System.err.println("ignoring an unreadable " + pidFile + ": " + e.getMessage());
            }
        }
        EmbeddedPostgresServer.runningPostmaster(dataDir.resolve("postgres")).ifPresent(orphan -> stop(orphan, "PostgreSQL"));
    }

    private static void stop(ProcessHandle orphan, String what) {
        System.out.println("Stopping " + what + " (pid " + orphan.pid() + ") left running by an earlier launcher");
        orphan.destroy();
        try {
            orphan.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception stillRunning) {
            orphan.destroyForcibly();
            orphan.onExit().join();
        }
    }

    /** Every port must be free before anything starts: a service that loses the race for its port would die unseen. */
    private void requireFreePorts() {
        Map<String, Integer> needed = new java.util.LinkedHashMap<>();
        needed.put("PostgreSQL", ports.postgres());
        needed.put("Kafka", ports.kafka());
        needed.put("the Kafka controller", ports.kafka() + 1);
        ports.http().forEach((service, port) -> needed.put(service.module, port));
        List<String> taken = new ArrayList<>();
        needed.forEach((what, port) -> {
            try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress("localhost", port));
            } catch (IOException inUse) {
                taken.add("port " + port + " (" + what + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new PortsTakenException("Cannot start Ally Ledger: " + String.join(", ", taken)
                    + " in use by another program. Stop it, or the other Ally Ledger using them, and start again.");
        }
    }

    /** Ports Ally Ledger needs are used by a program it did not start. */
    public static final class PortsTakenException extends IllegalStateException {
        PortsTakenException(String message) {
            super(message);
        }
    }

    private void writePidFile() {
        StringBuilder lines = new StringBuilder();
        processes.forEach((service, process) -> lines.append(service.module).append(' ').append(process.pid()).append('\n'));
        try {
            Files.writeString(dataDir.resolve(PID_FILE), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a service's application with the development key in the given profile and port, outside the set
     * this system manages; its output goes to {@code logs/<module>-<profile>.log}.
     */
    public Process launch(Service service, String profile, int httpPort) {
        return launch(service, profile, httpPort, List.of());
    }

    /** As {@link #launch(Service, String, int)}, with more system properties that override the launcher's (an empty value unsets one). */
    public Process launch(Service service, String profile, int httpPort, List<String> overrides) {
        Path log = dataDir.resolve("logs").resolve(service.module + ("local".equals(profile) ? "" : "-" + profile) + ".log");
        List<String> command = serviceJvm(classDataSharing(service));
        command.addAll(List.of(
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
                // commitment-service asks recognition-service for its part of a personal-data export
                "-Dallyledger.recognition.url=http://localhost:" + ports.http().get(Service.RECOGNITION)));
        command.addAll(overrides);
        command.addAll(List.of("-jar", application(service).toString()));
        try {
            return withServiceEnvironment(new ProcessBuilder(command))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service.module, e);
        }
    }

    /**
     * The JDK's ahead-of-time cache (JDK 25) or class-data sharing archive (JDK 21-24) of the service, beside its
     * application: the first start writes it from what it loaded (and, with the AOT cache, linked and profiled) when it
     * exits; later starts map it instead of loading and linking those classes again. A cache serves only the JVM
     * options it was written with (the JVM refuses it otherwise, and starts slowly), so its name carries them.
     */
    private String[] classDataSharing(Service service) {
        Path directory = application(service).getParent();
        String options = "%08x".formatted(serviceJvm().hashCode());
        if (Runtime.version().feature() >= 25) {
            Path cache = directory.resolve("allyledger-" + options + ".aot");
            return new String[]{fresherThanTheApplication(cache, directory) ? "-XX:AOTCache=" + cache : "-XX:AOTCacheOutput=" + cache};
        }
        return new String[]{"-XX:SharedArchiveFile=" + directory.resolve("allyledger-" + options + ".jsa"), "-XX:+AutoCreateSharedArchive"};
    }

    /** Whether the cache was written after every file of the application: a rebuilt application writes a new one. */
    private static boolean fresherThanTheApplication(Path cache, Path application) {
        if (!Files.isRegularFile(cache)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(application)) {
            long written = Files.getLastModifiedTime(cache).toMillis();
            return files.filter(file -> Files.isRegularFile(file) && !file.getFileName().toString().startsWith("allyledger-"))
                    .allMatch(file -> file.toFile().lastModified() <= written);
        } catch (IOException e) {
            return false;
        }
    }

    /** Two malloc arenas rather than one per thread that ever allocated: once started, the JVM allocates little natively. */
    static ProcessBuilder withServiceEnvironment(ProcessBuilder process) {
        process.environment().put("MALLOC_ARENA_MAX", "2");
        return process;
    }

    /** The JVM every service runs on, with its options, then {@code arguments}. */
    static List<String> serviceJvm(String... arguments) {
        // sized for a small container: a heap of at most 96 MiB, the serial collector (no GC threads to feed), bounded
        // metaspace and direct buffers. The code cache keeps the JDK's reservation (240 MiB, committed as code is
        // compiled): at 64 MiB, its growth past the flushing threshold set off full collections of 100-300 ms in the
        // first minute of load. Only the C1 compiler: on two cores C2 took 1.4-1.9 s of CPU from a 3 s start and most
        // of a just-started JVM's CPU under load, for code 1.3-1.6x faster once warm (local/BENCHMARKS.md); C2 comes
        // back with -XX:TieredStopAtLevel=4 among the extra options below
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:+UseSerialGC", "-Xms32m", "-Xmx96m",
                "-XX:MaxMetaspaceSize=256m", "-XX:MaxDirectMemorySize=64m", "-Xss512k", "-XX:TieredStopAtLevel=1"));
        if (Runtime.version().feature() >= 25) {
            // 8-byte object headers; native memory malloc no longer uses is handed back to the system every 5 s
            command.addAll(List.of("-XX:+UseCompactObjectHeaders", "-XX:TrimNativeHeapInterval=5000"));
        }
        // more options for every service's JVM, later ones winning, e.g. -XX:TieredStopAtLevel=4 or a profiler's:
        // -Dallyledger.service-jvm-options="..." to the launcher's JVM, or ALLYLEDGER_SERVICE_JVM_OPTIONS for run.sh and bench.sh
        String extra = System.getProperty("allyledger.service-jvm-options",
                System.getenv().getOrDefault("ALLYLEDGER_SERVICE_JVM_OPTIONS", "")).strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of(arguments));
        return command;
    }

    /** Stops a service gracefully (SIGTERM), as an operator or an orchestrator would. */
    public void stopService(Service service) {
        Process process = processes.remove(service);
        if (process == null) {
            return;
        }
        writePidFile();
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
                    readiness.put(service, Duration.ofNanos(System.nanoTime() - launchedAt.getOrDefault(service, System.nanoTime())));
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(20);
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
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException exiting) {
            // the JVM is already running its shutdown hooks, this one among them
        }
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

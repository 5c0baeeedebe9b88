package org.allyledger.local;

import org.allyledger.contracts.Topics;
import org.allyledger.infra.EmbeddedPostgresServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one benchmark: on fresh systems, each figure of Ally Ledger beside a raw baseline measured in the same run on the
 * same machine, and their ratio, over several runs (min and median of each). Baselines: pgbench replaying a command's
 * SQL on the same PostgreSQL; a plain Kafka consumer writing batched JDBC upserts on the same topics and PostgreSQL; the
 * JDK's bare HTTP server on the same JVM. Usage: {@code local/bench.sh [runs, default 3] [people, default 2000]
 * [more people, default 20000]}. Prints as it goes, then the table.
 */
public final class Benchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");
    private static final int LOAD_RATE = 200;
    /** How long each look at the CPU the system spends at rest lasts (the OS counts CPU in 10 ms ticks). */
    private static final Duration REST_WINDOW = Duration.ofSeconds(1);
    private static final Duration LOAD_TIME = Duration.ofSeconds(60);
    private static final Map<String, String> REPORTS = new LinkedHashMap<>();

    static {
        REPORTS.put("standings", "/reports/ally-of-the-month/2030-06");
        REPORTS.put("sponsorship", "/reports/sponsorship?year=2030");
        REPORTS.put("equity", "/reports/recognition-equity?year=2030&by=department");
        REPORTS.put("fulfilment", "/reports/commitment-fulfilment?year=2030&by=department");
        REPORTS.put("profile", "/reports/allies/p-42");
    }

    /** A figure of the project beside its baseline, one value per run. */
    private record Row(String name, String unit, List<Double> project, List<Double> baseline, boolean higherIsBetter) {
        Row(String name, String unit, boolean higherIsBetter) {
            this(name, unit, new ArrayList<>(), new ArrayList<>(), higherIsBetter);
        }
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final Path repository;

    private Benchmark(Path repository) {
        this.repository = repository;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int people = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int morePeople = args.length > 2 ? Integer.parseInt(args[2]) : 20000;
        Benchmark benchmark = new Benchmark(Path.of(System.getProperty("allyledger.home", ".")).toAbsolutePath());
        for (int run = 1; run <= runs; run++) {
            System.out.printf("== run %d of %d%n", run, runs);
            // -Dbench.only=commands, =startup or =reporting runs a part, when working on it
            String only = System.getProperty("bench.only", "");
            if (!only.equals("reporting")) {
                benchmark.commandsRun();
            }
            if (!only.equals("commands") && !only.equals("startup")) {
                benchmark.reportingRun(people, morePeople);
            }
        }
        benchmark.print(runs, people, morePeople);
        HTTP.executor().ifPresent(executor -> ((ExecutorService) executor).shutdownNow());
    }

    private Row row(String name, String unit, boolean higherIsBetter) {
        return rows.computeIfAbsent(name, n -> new Row(n, unit, higherIsBetter));
    }

    // ---- start-up, freshness under load from the first minute, command throughput, memory

    private void commandsRun() throws Exception {
        try (LocalSystem system = LocalSystem.scratchEngines(repository)) {
            for (Service service : Service.values()) {
                system.startService(service);
                system.awaitReady(service);
                System.out.printf("  %s ready %d ms after launch%n", service.module, system.readiness(service).toMillis());
            }
            double bareStart = bareServerStart();
            for (Service service : Service.values()) {
                row("start-up to ready, " + service.module, "s", false).project().add(system.readiness(service).toMillis() / 1000.0);
                row("start-up to ready, " + service.module, "s", false).baseline().add(bareStart);
            }

            if (System.getProperty("bench.only", "").equals("startup")) {
                bare.destroy();
                bare.waitFor();
                return;
            }
            double[] latency = freshnessUnderLoad(system);
            row("write -> read model p99 at " + LOAD_RATE + "/s, first minute", "ms", false).project().add(latency[0]);

            Commands commands = new Commands(system);
            double one = commands.actionsPerSecond(1, 999, false);
            Map<String, Double> atRest = cpuAtRest(system);
            Map<String, Duration> cpuBefore = cpuTimes(system);
            long loadStarted = System.nanoTime();
            double eightShared = commands.actionsPerSecond(8, 2000, false);
            cpuPerAction(system, cpuBefore, loadStarted, atRest, 2000);
            double eight = commands.actionsPerSecond(8, 2000, true);
            double[] pgbench = pgbench(system);
            System.out.printf("  actions logged: 1 client %.0f/s, 8 clients %.0f/s (sharing one connection %.0f/s); "
                    + "pgbench of the command's SQL: %.0f / %.0f tps%n", one, eight, eightShared, pgbench[0], pgbench[1]);
            row("commands, actions/s, 1 client", "/s", true).project().add(one);
            row("commands, actions/s, 1 client", "/s", true).baseline().add(pgbench[0]);
            row("commands, actions/s, 8 clients", "/s", true).project().add(eight);
            row("commands, actions/s, 8 clients", "/s", true).baseline().add(pgbench[1]);
            row("commands, actions/s, 8 clients sharing one connection", "/s", true).project().add(eightShared);
            row("commands, actions/s, 8 clients sharing one connection", "/s", true).baseline().add(pgbench[1]);

            double bareRss = bareServerRss();
            for (Service service : Service.values()) {
                long pid = system.process(service).pid();
                double rss = rssMiB(pid);
                System.out.printf("  %s RSS after the load: %.0f MiB (anonymous %.0f, files %.0f)%n", service.module, rss,
                        statusMiB(pid, "RssAnon:"), statusMiB(pid, "RssFile:"));
                row("RSS after load, " + service.module, "MiB", false).project().add(rss);
                row("RSS after load, " + service.module, "MiB", false).baseline().add(bareRss);
            }
        }
    }

    /**
     * {@value #LOAD_RATE} registrations a second for a minute, from the first second the services are ready: each is
     * timed from its {@code 201} until its row is in reporting's read model (polled every 5 ms in one query).
     * @return p99 and median in milliseconds
     */
    private double[] freshnessUnderLoad(LocalSystem system) throws Exception {
        String hr = "Bearer " + system.token("bench-hris", "hr-system");
        Map<String, Long> pending = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        // by the second in which each was sent: where in the minute the slow ones are
        Map<Integer, ConcurrentLinkedQueue<Long>> bySecondSent = new ConcurrentHashMap<>();
        Map<String, Integer> notCreated = new ConcurrentHashMap<>();
        int total = (int) (LOAD_RATE * LOAD_TIME.toSeconds());
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(1);
        List<java.util.concurrent.CompletableFuture<?>> sent = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        long periodNanos = 1_000_000_000L / LOAD_RATE;
        var ticks = clock.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= total) {
                return;
            }
            String id = "load-" + i;
            HttpRequest put = HttpRequest.newBuilder(system.url(Service.COMMITMENT, "/people/" + id))
                    .header("Authorization", hr).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("""
                            {"displayName": "Load %d", "email": "load%d@example.org", "department": "Load", "location": "Lisbon", "workModel": "REMOTE"}"""
                            .formatted(i, i))).build();
            sent.add(HTTP.sendAsync(put, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error != null || response.statusCode() != 201) {
                    notCreated.merge(error != null ? "no answer" : String.valueOf(response.statusCode()), 1, Integer::sum);
                } else {
                    pending.put(id, System.nanoTime());
                }
            }));
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        try (Connection reporting = connect(system, "reporting");
             PreparedStatement visible = reporting.prepareStatement("select employee_id from people where employee_id = any(?)")) {
            long deadline = System.nanoTime() + LOAD_TIME.plusSeconds(60).toNanos();
            while ((next.get() < total || !pending.isEmpty() || sent.stream().anyMatch(f -> !f.isDone())) && System.nanoTime() < deadline) {
                if (!pending.isEmpty()) {
                    visible.setArray(1, reporting.createArrayOf("text", pending.keySet().toArray()));
                    long now = System.nanoTime();
                    try (ResultSet rs = visible.executeQuery()) {
                        while (rs.next()) {
                            String id = rs.getString(1);
                            Long written = pending.remove(id);
                            if (written != null) {
                                long millis = (now - written) / 1_000_000;
                                latencies.add(millis);
                                int second = Integer.parseInt(id.substring("load-".length())) / LOAD_RATE;
                                bySecondSent.computeIfAbsent(second < 10 ? second : second / 10 * 10,
                                        window -> new ConcurrentLinkedQueue<>()).add(millis);
                            }
                        }
                    }
                }
                Thread.sleep(5);
            }
        } finally {
            ticks.cancel(false);
            clock.shutdownNow();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(Long::compare);
        int missing = pending.size();
        int failed = notCreated.values().stream().mapToInt(Integer::intValue).sum();
        double p99 = sorted.isEmpty() ? Double.NaN : p99(sorted);
        double median = sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
        System.out.printf("  write -> read model at %d/s for %d s from start-up: %d applied, median %.0f ms, p99 %.0f ms, max %d ms;"
                        + " %d not 201, %d never seen%n", LOAD_RATE, LOAD_TIME.toSeconds(), sorted.size(), median, p99,
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1), failed, missing);
        if (!notCreated.isEmpty()) {
            System.out.println("  answered instead of 201: " + new TreeMap<>(notCreated));
        }
        StringBuilder windows = new StringBuilder("  p99 by when they were sent (each of the first ten seconds, then by ten):");
        new TreeMap<>(bySecondSent).forEach((window, millis) -> {
            List<Long> inWindow = new ArrayList<>(millis);
            inWindow.sort(Long::compare);
            windows.append(" %d-%d s %d ms;".formatted(window, window < 10 ? window + 1 : window + 10,
                    p99(inWindow)));
        });
        System.out.println(windows);
        row("write -> read model, requests not 201 or never applied", "", false).project().add((double) failed + missing);
        return new double[]{p99, median};
    }

    /**
     * The CPU time the system spent per action logged, end to end: each service's process and PostgreSQL's, from the
     * operating system's account, counted until the relay and the consumers are back at rest, less what they spend at
     * rest in that time (printed on its own). Less subject to a shared machine's noise than a rate.
     */
    private void cpuPerAction(LocalSystem system, Map<String, Duration> before, long loadStarted, Map<String, Double> atRest, int actions)
            throws InterruptedException {
        double restPerSecond = atRest.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Duration> after = cpuTimes(system);
        while (true) {
            Thread.sleep(REST_WINDOW.toMillis());
            Map<String, Duration> now = cpuTimes(system);
            long busy = total(now) - total(after);
            after = now;
            if (busy < restPerSecond * REST_WINDOW.toMillis() / 1000.0 + 25) {
                break;
            }
        }
        double seconds = (System.nanoTime() - loadStarted) / 1e9;
        StringBuilder line = new StringBuilder("  CPU per action at 8 clients, until the pipeline was at rest again:");
        double total = 0;
        for (Map.Entry<String, Duration> process : after.entrySet()) {
            double spent = process.getValue().toMillis() - before.getOrDefault(process.getKey(), Duration.ZERO).toMillis();
            double millis = Math.max(0, spent - atRest.getOrDefault(process.getKey(), 0.0) * seconds) / actions;
            total += millis;
            line.append(" %s %.2f ms;".formatted(process.getKey(), millis));
        }
        System.out.println(line.append(" %.2f ms in all".formatted(total)));
        StringBuilder rest = new StringBuilder("  CPU at rest (the relays' polling, timers), ms a second:");
        atRest.forEach((process, millis) -> rest.append(" %s %.1f;".formatted(process, millis)));
        System.out.println(rest.append(" %.1f in all".formatted(restPerSecond)));
        row("CPU per action, whole system (services and PostgreSQL)", "ms", false).project().add(total);
        row("CPU at rest, whole system", "ms/s", false).project().add(restPerSecond);
    }

    /** What each process spends a second with nothing to do: the least of a few windows, once the last load has settled. */
    private static Map<String, Double> cpuAtRest(LocalSystem system) throws InterruptedException {
        Map<String, Double> least = new LinkedHashMap<>();
        Map<String, Duration> previous = cpuTimes(system);
        for (int window = 0; window < 6; window++) {
            Thread.sleep(REST_WINDOW.toMillis());
            Map<String, Duration> now = cpuTimes(system);
            for (Map.Entry<String, Duration> process : now.entrySet()) {
                double perSecond = (process.getValue().toMillis() - previous.get(process.getKey()).toMillis()) * 1000.0 / REST_WINDOW.toMillis();
                // PostgreSQL's CPU is its processes' together: a connection that ends takes its CPU out of the sum
                least.merge(process.getKey(), Math.max(0, perSecond), Math::min);
            }
            previous = now;
        }
        return least;
    }

    /** The 99th percentile of values sorted in ascending order (at least one). */
    private static <T> T p99(List<T> sorted) {
        return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
    }

    private static long total(Map<String, Duration> times) {
        return times.values().stream().mapToLong(Duration::toMillis).sum();
    }

    /** CPU time used so far by each service's process and by PostgreSQL's processes together. */
    private static Map<String, Duration> cpuTimes(LocalSystem system) {
        Map<String, Duration> times = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            times.put(service.module, system.process(service).info().totalCpuDuration().orElse(Duration.ZERO));
        }
        times.put("PostgreSQL", postgresCpu());
        return times;
    }

    /** Actions logged through commitment-service, each with its own Idempotency-Key (as an HR system sends them). */
    private static final class Commands {
        private final LocalSystem system;
        private final String hr;
        private final List<String> commitments = new ArrayList<>();

        Commands(LocalSystem system) {
            this.system = system;
            this.hr = "Bearer " + system.token("bench-hris", "hr-system");
            // a commitment per client and run (an ally logs at most its target, 1,000), one for the warm-up
            for (int c = 0; c < 10; c++) {
                String ally = "bench-" + c;
                send(HTTP, "/people/" + ally, "PUT", """
                        {"displayName": "Bench", "email": "b@example.org", "department": "D", "location": "L", "workModel": "REMOTE"}""");
                LocalDate today = LocalDate.now();
                Matcher id = ID.matcher(send(HTTP, "/commitments", "POST", """
                        {"allyId": "%s", "category": "CONTINUOUS_LEARNING", "statement": "bench", "startsOn": "%s",
                         "endsOn": "%s", "targetActions": 1000, "visibility": "PRIVATE"}""".formatted(ally, today.minusDays(1), today.plusDays(1))));
                id.find();
                commitments.add(id.group(1));
            }
            // warm-up (JIT, pools) on a commitment of its own
            for (int i = 0; i < 300; i++) {
                logAction(HTTP, commitments.get(9));
            }
        }

        /**
         * Each client logs its share of {@code actions} on a commitment of its own, one request after another, on a
         * connection of its own (as pgbench's clients each have theirs) or, with {@code connectionEach} false, all on the
         * one HTTP/2 connection the JDK's client multiplexes them over (which one event loop of the service serves): how
         * this benchmark measured 8 clients until 2026-12-07.
         */
        double actionsPerSecond(int clients, int actions, boolean connectionEach) throws Exception {
            int perClient = actions / clients;
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<HttpClient> opened = new ArrayList<>();
            try {
                List<Future<?>> runs = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int c = 0; c < clients; c++) {
                    String commitment = commitments.get(clients == 1 ? 8 : c);
                    HttpClient http = connectionEach ? HttpClient.newHttpClient() : HTTP;
                    if (http != HTTP) {
                        opened.add(http);
                    }
                    runs.add(pool.submit(() -> {
                        for (int i = 0; i < perClient; i++) {
                            logAction(http, commitment);
                        }
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get();
                }
                return perClient * clients / ((System.nanoTime() - t0) / 1e9);
            } finally {
                pool.shutdown();
                opened.forEach(HttpClient::close);
            }
        }

        private void logAction(HttpClient http, String commitment) {
            send(http, "/commitments/" + commitment + "/actions", "POST", "{\"kind\": \"READING\", \"occurredOn\": \"" + LocalDate.now() + "\"}");
        }

        private String send(HttpClient http, String path, String method, String body) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(system.url(Service.COMMITMENT, path))
                                .header("Authorization", hr).header("Content-Type", "application/json")
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 300) {
                    throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
                }
                return response.body();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * pgbench on the same PostgreSQL, in a database of its own with the event store's two tables: per transaction, what a
     * command with an Idempotency-Key costs the database in the design measured before (look the key up, read the
     * stream's version, insert the event, insert the key). 10 s at 1 client, 10 s at 8.
     */
    private double[] pgbench(LocalSystem system) throws Exception {
        try (Connection admin = connect(system, "postgres"); Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists pgbench");
            statement.execute("create database pgbench");
        }
        try (Connection bench = connect(system, "pgbench"); Statement statement = bench.createStatement()) {
            statement.execute("""
                    create table events (global_position bigint generated always as identity primary key, stream_type text not null,
                        stream_id text not null, version bigint not null check (version > 0), event_id uuid not null unique,
                        event_type text not null, payload jsonb not null, metadata jsonb not null default '{}',
                        occurred_at timestamptz not null default now(), constraint events_stream_version unique (stream_type, stream_id, version))""");
            statement.execute("""
                    create table idempotency_keys (caller text not null, key text not null, fingerprint text not null, status integer not null,
                        body text not null, etag text, location text, created_at timestamptz not null default now(), primary key (caller, key))""");
        }
        String payload = "{\"commitmentId\": \"c0ffee00-0000-4000-8000-000000000000\", \"allyId\": \"bench-1\", \"actionId\": "
                + "\"a0000000-0000-4000-8000-000000000000\", \"kind\": \"READING\", \"occurredOn\": \"2030-01-01\", \"note\": null, "
                + "\"evidenceUrl\": null, \"source\": \"HR_SYSTEM\", \"externalRef\": null}";
        String script = """
                \\set key random(1, 2000000000)
                BEGIN;
                SELECT fingerprint, status, body, etag, location FROM idempotency_keys WHERE caller = 'bench-hris' AND key = 'k-' || :client_id || '-' || :key;
                SELECT coalesce(max(version), 0) + 1 AS next FROM events WHERE stream_type = 'commitments' AND stream_id = 'c-' || :client_id \\gset
                INSERT INTO events (stream_type, stream_id, version, event_id, event_type, payload, metadata) VALUES ('commitments', 'c-' || :client_id, :next, gen_random_uuid(), 'org.allyledger.commitments.ActionLogged', '%s'::jsonb, '{"actor": "bench-hris", "subject": "bench-1", "correlationId": "x"}'::jsonb);
                INSERT INTO idempotency_keys (caller, key, fingerprint, status, body) VALUES ('bench-hris', 'k-' || :client_id || '-' || :key, 'f', 201, '%s') ON CONFLICT DO NOTHING;
                END;
                """.formatted(payload, payload.replace("'", "''"));
        Path file = Files.createTempFile("command", ".sql");
        Files.writeString(file, script);
        try {
            return new double[]{pgbenchTps(system, file, 1), pgbenchTps(system, file, 8)};
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double pgbenchTps(LocalSystem system, Path script, int clients) throws Exception {
        Process pgbench = new ProcessBuilder("pgbench", "-n", "-h", "localhost", "-p", Integer.toString(system.postgresPort()), "-U",
                EmbeddedPostgresServer.USER, "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)), "-T", "10",
                "-f", script.toString(), "pgbench").redirectErrorStream(true).start();
        pgbench.getOutputStream().close();
        String output = new String(pgbench.getInputStream().readAllBytes());
        pgbench.waitFor();
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps:\n" + output);
        }
        return Double.parseDouble(tps.group(1));
    }

    // ---- live catch-up, rebuilds, reports at two sizes

    private void reportingRun(int people, int morePeople) throws Exception {
        try (LocalSystem system = LocalSystem.scratch(repository)) {
            String analyst = "Bearer " + system.token("bench-analyst", "analyst");
            String admin = "Bearer " + system.token("bench-admin", "program-admin");

            // the log is written while reporting-service is stopped: its projections then catch up on all of it
            system.stopService(Service.REPORTING);
            int events = ReportingBenchmark.publish(system.kafkaBootstrapServers(), people);
            Baseline baseline = catchUp(system, analyst, "live projections catching up", events, events);

            Map<String, double[]> small = reports(system, analyst, people);

            if (morePeople <= people) {
                rebuildAll(system, admin, analyst, baseline);
            } else {
                int more = ReportingBenchmark.publish(system.kafkaBootstrapServers(), people, morePeople - people);
                ReportingBenchmark.awaitCaughtUp(system, analyst);
                Map<String, double[]> large = reports(system, analyst, morePeople);
                rebuildAll(system, admin, analyst, baseline);
                for (String report : REPORTS.keySet()) {
                    row(report + " p50 growth, " + people + " -> " + morePeople + " people", "x", false).project()
                            .add(large.get(report)[0] / Math.max(0.1, small.get(report)[0]));
                }
                // last, as it adds people the reports above do not expect: a backlog as large as the organisation's
                // whole log, which takes long enough that the JIT's warm-up of a just-started JVM is not the figure
                system.stopService(Service.REPORTING);
                int backlog = ReportingBenchmark.publish(system.kafkaBootstrapServers(), morePeople, morePeople - people);
                catchUp(system, analyst, "live projections catching up a backlog", backlog, events + more + backlog);
            }
        }
    }

    /**
     * Starts the stopped reporting-service and times its live projections catching up on {@code events} published
     * meanwhile, then the plain consumer reading every record from the start; answers the plain consumer's figures. Also
     * the CPU each spent per event, with PostgreSQL's, which a busy shared machine disturbs less than a rate.
     */
    private Baseline catchUp(LocalSystem system, String analyst, String figure, int events, int allRecords) throws Exception {
        system.startService(Service.REPORTING);
        system.awaitReady(Service.REPORTING);
        long reporting = system.process(Service.REPORTING).pid();
        CpuAccount before = CpuAccount.now(reporting);
        long t0 = System.nanoTime();
        ReportingBenchmark.awaitCaughtUp(system, analyst);
        double live = events / ((System.nanoTime() - t0) / 1e9);
        CpuAccount spent = CpuAccount.now(reporting).since(before);
        Baseline baseline = plainConsumer(system, allRecords);
        System.out.printf("  %s: %d events at %.0f events/s; plain consumer with batched upserts, %d records: %.0f records/s%n",
                figure, events, live, allRecords, baseline.recordsPerSecond());
        System.out.printf("    CPU per event: reporting-service %.0f µs (its JIT compilers %.0f µs of it), PostgreSQL %.0f µs;"
                        + " plain consumer %.0f µs, PostgreSQL %.0f µs; the machine's cores were busy %.0f %% of the catch-up%n",
                spent.serviceMillis() * 1000 / events, spent.compilerMillis() * 1000 / events, spent.postgresMillis() * 1000 / events,
                baseline.consumerMillis() * 1000 / allRecords, baseline.postgresMillis() * 1000 / allRecords, spent.machineBusy() * 100);
        row(figure, "events/s", true).project().add(live);
        row(figure, "events/s", true).baseline().add(baseline.recordsPerSecond());
        row("CPU per event, " + figure + " (with PostgreSQL's)", "µs", false).project().add(spent.microsPer(events));
        row("CPU per event, " + figure + " (with PostgreSQL's)", "µs", false).baseline().add(baseline.microsPerRecord());
        return baseline;
    }

    /**
     * CPU time from the operating system's account (Linux): a service's process, the part of it its JIT compiler threads
     * spent, PostgreSQL's processes together, and the machine's busy and total time over all cores.
     */
    private record CpuAccount(double serviceMillis, double compilerMillis, double postgresMillis, long machineBusyTicks,
                              long machineTicks) {
        private static final double MILLIS_PER_TICK = 10;

        static CpuAccount now(long pid) throws IOException {
            double compilers = 0;
            try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        // "C1 CompilerThre", "C2 CompilerThre": thread names are cut at 15 characters
                        if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                            compilers += ticks(Files.readString(task.resolve("stat"))) * MILLIS_PER_TICK;
                        }
                    } catch (IOException ended) {
                        // a thread that ended meanwhile
                    }
                }
            }
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            long all = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                long value = Long.parseLong(cpu[i]);
                all += value;
                // idle and iowait are the 4th and 5th
                busy += i == 4 || i == 5 ? 0 : value;
            }
            return new CpuAccount(ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration()).orElse(Duration.ZERO).toMillis(),
                    compilers, postgresCpu().toMillis(), busy, all);
        }

        /** utime + stime of a /proc stat line, past the command name in parentheses. */
        private static long ticks(String stat) {
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }

        CpuAccount since(CpuAccount before) {
            return new CpuAccount(serviceMillis - before.serviceMillis, compilerMillis - before.compilerMillis,
                    postgresMillis - before.postgresMillis, machineBusyTicks - before.machineBusyTicks, machineTicks - before.machineTicks);
        }

        /** The service's and PostgreSQL's CPU per unit of work, in µs. */
        double microsPer(double units) {
            return (serviceMillis + postgresMillis) * 1000 / units;
        }

        double machineBusy() {
            return machineTicks == 0 ? 0 : (double) machineBusyTicks / machineTicks;
        }
    }

    /** The plain consumer's rate, and the CPU it and PostgreSQL spent. */
    private record Baseline(double recordsPerSecond, double consumerMillis, double postgresMillis, int records) {
        double microsPerRecord() {
            return (consumerMillis + postgresMillis) * 1000 / records;
        }
    }

    /** CPU time used so far by PostgreSQL's processes together (a connection that ends takes its CPU out of the sum). */
    private static Duration postgresCpu() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false))
                .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** Every projection rebuilt from the start of its topic, one after the other: records per second over all, and CPU per record. */
    private void rebuildAll(LocalSystem system, String admin, String analyst, Baseline baseline) throws Exception {
        double records = 0;
        double seconds = 0;
        CpuAccount before = CpuAccount.now(system.process(Service.REPORTING).pid());
        for (String projection : List.of("reporting.people", "reporting.commitments", "reporting.sponsorships", "reporting.recognition")) {
            double[] rebuilt = rebuild(system, admin, analyst, projection);
            records += rebuilt[0];
            seconds += rebuilt[1];
        }
        CpuAccount spent = CpuAccount.now(system.process(Service.REPORTING).pid()).since(before);
        System.out.printf("  rebuild of all projections: %.0f records in %.1f s: %.0f records/s; CPU per record: reporting-service %.0f µs,"
                        + " PostgreSQL %.0f µs%n", records, seconds, records / seconds, spent.serviceMillis() * 1000 / records,
                spent.postgresMillis() * 1000 / records);
        row("rebuild of all projections", "records/s", true).project().add(records / seconds);
        row("rebuild of all projections", "records/s", true).baseline().add(baseline.recordsPerSecond());
        row("CPU per record, rebuild of all projections (with PostgreSQL's)", "µs", false).project().add(spent.microsPer(records));
        row("CPU per record, rebuild of all projections (with PostgreSQL's)", "µs", false).baseline().add(baseline.microsPerRecord());
    }

    /**
     * Each report by 8 concurrent clients, 25 requests each, after 50 warm-ups: reporting-service has just been restarted
     * for the catch-up, and a cold JIT would count against the smaller organisation. p50 and p99 in ms.
     */
    private Map<String, double[]> reports(LocalSystem system, String analyst, int people) throws Exception {
        Map<String, double[]> figures = new LinkedHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            for (Map.Entry<String, String> report : REPORTS.entrySet()) {
                URI uri = system.url(Service.REPORTING, report.getValue());
                for (int i = 0; i < 50; i++) {
                    get(uri, analyst);
                }
                List<Future<List<Double>>> runs = new ArrayList<>();
                for (int c = 0; c < 8; c++) {
                    runs.add(clients.submit(() -> {
                        List<Double> millis = new ArrayList<>();
                        for (int i = 0; i < 25; i++) {
                            long start = System.nanoTime();
                            get(uri, analyst);
                            millis.add((System.nanoTime() - start) / 1e6);
                        }
                        return millis;
                    }));
                }
                List<Double> all = new ArrayList<>();
                for (Future<List<Double>> run : runs) {
                    all.addAll(run.get());
                }
                all.sort(Double::compare);
                double p50 = all.get(all.size() / 2);
                double p99 = p99(all);
                figures.put(report.getKey(), new double[]{p50, p99});
                System.out.printf("  %-11s at %6d people, 8 clients: p50 %6.1f ms, p99 %6.1f ms%n", report.getKey(), people, p50, p99);
                row(report.getKey() + " p99, 8 clients, " + people + " people", "ms", false).project().add(p99);
            }
        } finally {
            clients.shutdown();
        }
        return figures;
    }

    /** @return records read and seconds taken */
    private static double[] rebuild(LocalSystem system, String admin, String analyst, String projection) throws Exception {
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(system.url(Service.REPORTING, "/ops/projections/" + projection + "/rebuilds"))
                .header("Authorization", admin).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("rebuild of " + projection + " answered " + started.statusCode() + ": " + started.body());
        }
        URI progress = URI.create(started.headers().firstValue("Location").orElseThrow());
        String body;
        do {
            Thread.sleep(100);
            body = get(progress, analyst);
        } while (body.contains("\"status\":\"RUNNING\""));
        if (!body.contains("\"status\":\"SWAPPED\"")) {
            throw new IllegalStateException("rebuild of " + projection + " ended " + body);
        }
        JsonNode status = JSON.readTree(body);
        double records = status.path("recordsRead").asDouble();
        double rate = status.path("recordsPerSecond").asDouble();
        System.out.printf("  rebuild %-24s %7.0f records: %6.0f records/s%n", projection, records, rate);
        return new double[]{records, records / rate};
    }

    /**
     * The baseline of consumption: a plain Kafka consumer reading the four topics from the start, parsing each record, and
     * writing it with batched JDBC upserts (one transaction per poll, positions once per partition) into a database of
     * its own on the same PostgreSQL.
     */
    private static Baseline plainConsumer(LocalSystem system, int expected) throws Exception {
        try (Connection admin = connect(system, "postgres"); Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists baseline");
            statement.execute("create database baseline");
        }
        Properties config = new Properties();
        config.put("bootstrap.servers", system.kafkaBootstrapServers());
        config.put("group.id", "baseline-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        config.put("enable.auto.commit", "false");
        try (Connection db = connect(system, "baseline");
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            try (Statement statement = db.createStatement()) {
                statement.execute("create table records (event_id text primary key, topic text not null, kafka_partition int not null,"
                        + " kafka_offset bigint not null, stream_id text, event_type text, data jsonb not null)");
                statement.execute("create table positions (topic text, kafka_partition int, kafka_offset bigint, primary key (topic, kafka_partition))");
            }
            db.setAutoCommit(false);
            consumer.subscribe(List.of(Topics.PEOPLE, Topics.COMMITMENTS, Topics.SPONSORSHIPS, Topics.RECOGNITION));
            PreparedStatement upsert = db.prepareStatement("insert into records values (?, ?, ?, ?, ?, ?, ?::jsonb) on conflict (event_id) do nothing");
            PreparedStatement position = db.prepareStatement("insert into positions values (?, ?, ?) on conflict (topic, kafka_partition)"
                    + " do update set kafka_offset = excluded.kafka_offset");
            int read = 0;
            long t0 = System.nanoTime();
            // the classic consumer fetches and decodes on the thread that polls
            long consumerCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            Duration postgresCpu = postgresCpu();
            long deadline = t0 + Duration.ofMinutes(20).toNanos();
            while (read < expected && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                Map<String, ConsumerRecord<String, String>> furthest = new HashMap<>();
                for (ConsumerRecord<String, String> record : records) {
                    JsonNode data = JSON.readTree(record.value());
                    upsert.setString(1, new String(record.headers().lastHeader("ce_id").value()));
                    upsert.setString(2, record.topic());
                    upsert.setInt(3, record.partition());
                    upsert.setLong(4, record.offset());
                    upsert.setString(5, record.key());
                    upsert.setString(6, new String(record.headers().lastHeader("ce_type").value()));
                    upsert.setString(7, data.toString());
                    upsert.addBatch();
                    furthest.put(record.topic() + "-" + record.partition(), record);
                }
                upsert.executeBatch();
                for (ConsumerRecord<String, String> record : furthest.values()) {
                    position.setString(1, record.topic());
                    position.setInt(2, record.partition());
                    position.setLong(3, record.offset());
                    position.addBatch();
                }
                position.executeBatch();
                db.commit();
                read += records.count();
            }
            double rate = read / ((System.nanoTime() - t0) / 1e9);
            return new Baseline(rate, (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - consumerCpu) / 1e6,
                    postgresCpu().minus(postgresCpu).toMillis(), read);
        }
    }

    // ---- the bare JVM HTTP server

    private Process bare;

    /** Seconds from launching the JDK's HTTP server on the services' JVM options to its first answer. */
    private double bareServerStart() throws Exception {
        int port = org.allyledger.infra.FreePorts.next();
        long t0 = System.nanoTime();
        bare = LocalSystem.withServiceEnvironment(new ProcessBuilder(LocalSystem.serviceJvm("-cp", repository.resolve("local/target/classes").toString(),
                BareHttpServer.class.getName(), Integer.toString(port)))).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        URI uri = URI.create("http://localhost:" + port + "/");
        while (true) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                Thread.sleep(5);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (int i = 0; i < 2000; i++) {
            HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
        }
        System.out.printf("  bare JVM HTTP server: first answer %.0f ms after launch%n", seconds * 1000);
        return seconds;
    }

    private double bareServerRss() throws Exception {
        double rss = rssMiB(bare.pid());
        bare.destroy();
        bare.waitFor();
        System.out.printf("  bare JVM HTTP server RSS after 2,000 requests: %.0f MiB%n", rss);
        return rss;
    }

    private static double rssMiB(long pid) throws IOException {
        return statusMiB(pid, "VmRSS:");
    }

    /** A memory figure of the process's status, e.g. its resident memory backed by files (the AOT cache, the jars). */
    private static double statusMiB(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    // ---- helpers and the table

    private static Connection connect(LocalSystem system, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + system.postgresPort() + "/" + database + "?reWriteBatchedInserts=true",
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
    }

    private static String get(URI uri, String authorization) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", authorization).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private void print(int runs, int people, int morePeople) {
        System.out.printf("%nAlly Ledger benchmark: %d run(s), each on fresh systems; %d then %d people; min / median over runs%n", runs, people, morePeople);
        System.out.printf("%-62s %-22s %-22s %s%n", "figure", "project", "raw baseline", "ratio (median)");
        for (Row row : rows.values()) {
            if (row.project().isEmpty()) {
                continue;
            }
            String project = summary(row.project(), row.unit());
            String baseline = row.baseline().isEmpty() ? "-" : summary(row.baseline(), row.unit());
            String ratio = row.baseline().isEmpty() ? "-" : "%.2f".formatted(median(row.project()) / median(row.baseline()));
            System.out.printf("%-62s %-22s %-22s %s%n", row.name(), project, baseline, ratio);
        }
    }

    private static String summary(List<Double> values, String unit) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return "%s / %s %s".formatted(format(sorted.get(0)), format(median(values)), unit).strip();
    }

    private static String format(double value) {
        return value >= 100 ? "%.0f".formatted(value) : value >= 10 ? "%.1f".formatted(value) : "%.2f".formatted(value);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

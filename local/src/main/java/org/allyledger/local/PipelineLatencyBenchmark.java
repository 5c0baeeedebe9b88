package org.allyledger.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Measures the time from {@code PUT /people/{id}} answered by commitment-service to the person counted in
 * reporting-service's headcount: PostgreSQL commit → Debezium → Kafka → projection → read model.
 * Starts its own system on free ports in a scratch directory, so it runs beside a local launcher.
 * Usage: {@code local/bench-latency.sh [samples]}.
 */
public final class PipelineLatencyBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long startedAt = System.nanoTime();
        try (LocalSystem system = LocalSystem.scratch(Path.of(System.getProperty("allyledger.home", ".")))) {
            System.out.printf("system started in %d ms%n", (System.nanoTime() - startedAt) / 1_000_000);
            measure(system, 3); // warm-up: JIT, connection pools, topic metadata
            List<Long> latencies = measure(system, samples);
            latencies.sort(Long::compare);
            System.out.printf("PUT -> headcount over %d samples: median %d ms, p90 %d ms, min %d ms, max %d ms%n",
                    samples, latencies.get(samples / 2), latencies.get((int) Math.ceil(samples * 0.9) - 1),
                    latencies.get(0), latencies.get(samples - 1));
        }
    }

    private static List<Long> measure(LocalSystem system, int samples) throws Exception {
        List<Long> latencies = new ArrayList<>();
        URI headcount = system.url(Service.REPORTING, "/reports/headcount");
        String hr = "Bearer " + system.token("bench-hris", "hr-system");
        String analyst = "Bearer " + system.token("bench-analyst", "analyst");
        for (int i = 0; i < samples; i++) {
            String department = "Bench-" + UUID.randomUUID();
            String id = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            HttpRequest put = HttpRequest.newBuilder(system.url(Service.COMMITMENT, "/people/" + id))
                    .header("Content-Type", "application/json")
                    .header("Authorization", hr)
                    .PUT(HttpRequest.BodyPublishers.ofString("""
                            {"displayName": "Bench", "email": "bench@example.org", "department": "%s",
                             "location": "Lisbon", "workModel": "REMOTE"}""".formatted(department)))
                    .build();
            HttpResponse<String> created = HTTP.send(put, HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("PUT answered " + created.statusCode() + ": " + created.body());
            }
            long written = System.nanoTime();
            long deadline = written + Duration.ofSeconds(30).toNanos();
            while (!HTTP.send(HttpRequest.newBuilder(headcount).header("Authorization", analyst).build(), HttpResponse.BodyHandlers.ofString()).body()
                    .contains("\"" + department + "\"")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(department + " not in the headcount after 30 s");
                }
                Thread.sleep(5);
            }
            latencies.add((System.nanoTime() - written) / 1_000_000);
        }
        return latencies;
    }

    private PipelineLatencyBenchmark() {
    }
}

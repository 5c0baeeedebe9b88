package org.allyledger.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Actions logged per second against one commitment-service (HTTP → load stream → decide → append), sequentially
 * and with concurrent clients, each client on its own commitment. Starts its own system on free ports.
 * Usage: {@code local/bench-throughput.sh [actions-per-run] [clients]}.
 */
public final class CommandThroughputBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        int actions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        try (LocalSystem system = LocalSystem.scratch(Path.of(System.getProperty("allyledger.home", ".")))) {
            String hr = "Bearer " + system.token("bench-hris", "hr-system");
            URI base = system.url(Service.COMMITMENT, "");
            List<String> commitments = new ArrayList<>();
            for (int c = 0; c < clients + 2; c++) {
                String ally = "bench-" + c;
                send(base.resolve("/people/" + ally), "PUT", hr, """
                        {"displayName": "Bench", "email": "b@example.org", "department": "D", "location": "L", "workModel": "REMOTE"}""");
                LocalDate today = LocalDate.now();
                String made = send(base.resolve("/commitments"), "POST", hr, """
                        {"allyId": "%s", "category": "CONTINUOUS_LEARNING", "statement": "bench", "startsOn": "%s",
                         "endsOn": "%s", "targetActions": 1000, "visibility": "PRIVATE"}""".formatted(ally, today.minusDays(1), today.plusDays(1)));
                Matcher id = ID.matcher(made);
                id.find();
                commitments.add(id.group(1));
            }
            String action = "{\"kind\": \"READING\", \"occurredOn\": \"" + LocalDate.now() + "\"}";
            // warm-up (JIT, pools) on a commitment of its own
            for (int i = 0; i < 200; i++) {
                send(base.resolve("/commitments/" + commitments.get(clients + 1) + "/actions"), "POST", hr, action);
            }

            int sequential = Math.min(actions, 999);
            long t0 = System.nanoTime();
            for (int i = 0; i < sequential; i++) {
                send(base.resolve("/commitments/" + commitments.get(0) + "/actions"), "POST", hr, action);
            }
            double sequentialRate = sequential / ((System.nanoTime() - t0) / 1e9);

            int perClient = Math.min(actions / clients, 999);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<?>> runs = new ArrayList<>();
            long t1 = System.nanoTime();
            for (int c = 1; c < clients; c++) {
                String commitment = commitments.get(c);
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        send(base.resolve("/commitments/" + commitment + "/actions"), "POST", hr, action);
                    }
                    return null;
                }));
            }
            for (int i = 0; i < perClient; i++) {
                send(base.resolve("/commitments/" + commitments.get(clients) + "/actions"), "POST", hr, action);
            }
            for (Future<?> run : runs) {
                run.get();
            }
            double concurrentRate = perClient * clients / ((System.nanoTime() - t1) / 1e9);
            pool.shutdown();
            System.out.printf("actions logged: sequential %d in one client: %.0f/s; %d clients x %d: %.0f/s%n",
                    sequential, sequentialRate, clients, perClient, concurrentRate);
        }
    }

    private static String send(URI uri, String method, String token, String body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", token)
                    .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private CommandThroughputBenchmark() {
    }
}

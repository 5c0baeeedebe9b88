package org.allyledger.local;

import org.allyledger.contracts.published.SponsorshipsV1;

import org.allyledger.contracts.published.RecognitionV1;

import org.allyledger.contracts.published.CommitmentsV1;

import org.allyledger.contracts.PeopleEventTypes;
import org.allyledger.contracts.Topics;
import org.allyledger.infra.testing.EventSender;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * reporting-service at volume: publishes a year of a program for N people straight to the topics (as the write
 * services' relays would), then prints how fast the live projections caught up, each report's latency, and each
 * projection's rebuild rate, with reports answering throughout the rebuild. Starts its own system on free ports.
 * Usage: {@code local/bench-reporting.sh [people]}.
 */
public final class ReportingBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LAG = Pattern.compile("\"lag\":(\\d+)");
    private static final OffsetDateTime YEAR = OffsetDateTime.of(2030, 1, 1, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final List<String> DEPARTMENTS = List.of("Engineering", "Sales", "Legal", "Finance", "Operations", "People");
    private static final List<String> LOCATIONS = List.of("Lisbon", "London", "Austin");
    private static final List<String> WORK_MODELS = List.of("ONSITE", "HYBRID", "REMOTE");
    private static final List<String> REPORTS = List.of("/reports/headcount", "/reports/ally-of-the-month/2030-06",
            "/reports/ally-of-the-month?year=2030", "/reports/recognition-equity?year=2030&by=department",
            "/reports/commitment-fulfilment?year=2030&by=category", "/reports/commitment-fulfilment?year=2030&by=department",
            "/reports/sponsorship?year=2030", "/reports/sponsorship/unpledged?year=2030&limit=100", "/reports/allies/p-42");

    public static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        try (LocalSystem system = LocalSystem.scratch(Path.of(System.getProperty("allyledger.home", ".")))) {
            String analyst = "Bearer " + system.token("bench-analyst", "analyst");
            String admin = "Bearer " + system.token("bench-admin", "program-admin");

            long t0 = System.nanoTime();
            int events = publish(system.kafkaBootstrapServers(), people);
            double published = (System.nanoTime() - t0) / 1e9;
            awaitCaughtUp(system, analyst);
            double caughtUp = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%d people, %d events published in %.1f s; live projections caught up after %.1f s (%.0f events/s)%n",
                    people, events, published, caughtUp, events / caughtUp);

            System.out.println("report latency, 30 requests each after 5 warm-ups:");
            for (String report : REPORTS) {
                List<Long> millis = new ArrayList<>();
                for (int i = 0; i < 35; i++) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = get(system.url(Service.REPORTING, report), analyst);
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(report + " answered " + response.statusCode() + ": " + response.body());
                    }
                    if (i >= 5) {
                        millis.add((System.nanoTime() - start) / 1_000_000);
                    }
                }
                millis.sort(Long::compare);
                System.out.printf("  %-58s median %4d ms, p90 %4d ms, max %4d ms%n", report, millis.get(15), millis.get(26), millis.get(29));
            }

            System.out.println("rebuilds, one projection at a time, with headcount read every 50 ms meanwhile:");
            for (String projection : List.of("reporting.people", "reporting.commitments", "reporting.sponsorships", "reporting.recognition")) {
                rebuild(system, admin, analyst, projection);
            }
        }
    }

    private static void rebuild(LocalSystem system, String admin, String analyst, String projection) throws Exception {
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(system.url(Service.REPORTING, "/ops/projections/" + projection + "/rebuilds"))
                .header("Authorization", admin).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("rebuild of " + projection + " answered " + started.statusCode() + ": " + started.body());
        }
        URI progress = URI.create(started.headers().firstValue("Location").orElseThrow());
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Long> millis = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (rebuilding.get()) {
                try {
                    long start = System.nanoTime();
                    int status = get(system.url(Service.REPORTING, "/reports/headcount"), analyst).statusCode();
                    synchronized (millis) {
                        millis.add((System.nanoTime() - start) / 1_000_000);
                    }
                    reads.incrementAndGet();
                    if (status != 200) {
                        failures.incrementAndGet();
                    }
                    Thread.sleep(50);
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            }
        });
        reader.start();
        String body;
        do {
            Thread.sleep(200);
            body = get(progress, analyst).body();
        } while (body.contains("\"status\":\"RUNNING\""));
        rebuilding.set(false);
        reader.join();
        if (!body.contains("\"status\":\"SWAPPED\"")) {
            throw new IllegalStateException("rebuild of " + projection + " ended " + body);
        }
        millis.sort(Long::compare);
        System.out.printf("  %-24s %6d records in %5.1f s: %6.0f records/s; headcount read %d times meanwhile, %d failed, median %d ms, max %d ms%n",
                projection, number(body, "recordsRead").longValue(), number(body, "recordsRead").doubleValue() / number(body, "recordsPerSecond").doubleValue(),
                number(body, "recordsPerSecond").doubleValue(), reads.get(), failures.get(),
                millis.isEmpty() ? 0 : millis.get(millis.size() / 2), millis.isEmpty() ? 0 : millis.get(millis.size() - 1));
    }

    /** A year of the program: people, commitments with actions, initiatives and pledges, nominations, endorsements, awards. */
    static int publish(String bootstrapServers, int people) {
        return publish(bootstrapServers, 0, people);
    }

    /** As {@link #publish(String, int)}, for people {@code first .. first + people - 1}: a larger organisation in steps. */
    static int publish(String bootstrapServers, int first, int people) {
        int count = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "linger.ms", 5),
                new StringSerializer(), new StringSerializer())) {
            int last = first + people;
            for (int p = first; p < last; p++) {
                String id = "p-" + p;
                send(producer, Topics.PEOPLE, id, PeopleEventTypes.PERSON_REGISTERED, 1, YEAR, """
                        {"employeeId": "%s", "displayName": "Person %d", "email": "p%d@example.org", "department": "%s",
                         "location": "%s", "workModel": "%s", "managerId": null, "active": true}"""
                        .formatted(id, p, p, DEPARTMENTS.get(p % DEPARTMENTS.size()), LOCATIONS.get(p % 3), WORK_MODELS.get(p / 3 % 3)));
                count++;
            }
            int firstInitiative = first / 40;
            int initiatives = Math.max(1, people / 40);
            for (int i = firstInitiative; i < firstInitiative + initiatives; i++) {
                send(producer, Topics.SPONSORSHIPS, "i-" + i, SponsorshipsV1.InitiativeLaunched.TYPE, 1, YEAR, """
                        {"initiativeId": "i-%d", "name": "Initiative %d", "erg": "ERG %d", "year": 2030, "description": null, "sponsorCapacity": null}"""
                        .formatted(i, i, i % 5));
                count++;
            }
            long[] initiativeVersions = new long[initiatives];
            java.util.Arrays.fill(initiativeVersions, 1);
            for (int p = first; p < last; p++) {
                String ally = "p-" + p;
                String commitment = "c-" + p;
                OffsetDateTime at = YEAR.plusDays(p % 300);
                send(producer, Topics.COMMITMENTS, commitment, CommitmentsV1.CommitmentMade.TYPE, 1, at, """
                        {"commitmentId": "%s", "allyId": "%s", "category": "%s", "statement": "s", "startsOn": "2030-01-01",
                         "endsOn": "2030-12-31", "targetActions": 4, "visibility": "PRIVATE", "renewedFrom": null}"""
                        .formatted(commitment, ally, p % 2 == 0 ? "CONTINUOUS_LEARNING" : "MENTORING_AND_SPONSORING"));
                int actions = p % 5;
                for (int a = 0; a < actions; a++) {
                    send(producer, Topics.COMMITMENTS, commitment, CommitmentsV1.ActionLogged.TYPE, 2 + a, at, """
                            {"commitmentId": "%s", "allyId": "%s", "actionId": "a-%d-%d", "kind": "READING", "occurredOn": "2030-02-01",
                             "note": null, "evidenceUrl": null, "source": "SELF", "externalRef": null}""".formatted(commitment, ally, p, a));
                }
                if (actions == 4) {
                    send(producer, Topics.COMMITMENTS, commitment, CommitmentsV1.CommitmentFulfilled.TYPE, 6, at,
                            "{\"commitmentId\": \"%s\", \"allyId\": \"%s\", \"actionsLogged\": 4, \"targetActions\": 4}".formatted(commitment, ally));
                    count++;
                }
                count += 1 + actions;
                if (p % 4 != 0) {
                    int initiative = p % initiatives;
                    send(producer, Topics.SPONSORSHIPS, "i-" + (firstInitiative + initiative), SponsorshipsV1.SponsorshipPledged.TYPE,
                            ++initiativeVersions[initiative], at, "{\"initiativeId\": \"i-%d\", \"allyId\": \"%s\", \"year\": 2030}"
                                    .formatted(firstInitiative + initiative, ally));
                    count++;
                }
                String month = "2030-%02d".formatted(1 + p % 12);
                String nomination = "n-" + p;
                String nominee = "p-" + (first + (p * 7 + 3) % people);
                if (!nominee.equals(ally)) {
                    send(producer, Topics.RECOGNITION, nomination, RecognitionV1.NominationSubmitted.TYPE, 1, at, """
                            {"nominationId": "%s", "nomineeId": "%s", "awardMonth": "%s", "categories": ["AMPLIFYING_VOICES"],
                             "citation": "A specific story of allyship in action.", "anonymous": false, "nominatorId": "%s",
                             "sealedNominator": null, "linkedActionIds": []}""".formatted(nomination, nominee, month, ally));
                    String endorser = "p-" + (first + (p + 1) % people);
                    send(producer, Topics.RECOGNITION, nomination, RecognitionV1.NominationEndorsed.TYPE, 2, at, """
                            {"nominationId": "%s", "nomineeId": "%s", "awardMonth": "%s", "endorserId": "%s", "note": null}"""
                            .formatted(nomination, nominee, month, endorser));
                    count += 2;
                }
            }
            for (int m = 1; m <= 12 && first == 0; m++) {
                send(producer, Topics.RECOGNITION, "award-2030-%02d".formatted(m), RecognitionV1.AllyOfTheMonthAwarded.TYPE, 1,
                        YEAR.plusMonths(m), "{\"awardMonth\": \"2030-%02d\", \"winnerId\": \"p-%d\", \"note\": null}".formatted(m, m * 7 % people));
                count++;
            }
            producer.flush();
        }
        return count;
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key, String type, long version, OffsetDateTime time,
                             String data) {
        producer.send(EventSender.cloudEvent(topic, key, UUID.randomUUID(), type, version, data, time));
    }

    static void awaitCaughtUp(LocalSystem system, String analyst) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            String body = get(system.url(Service.REPORTING, "/ops/projections"), analyst).body();
            Matcher lag = LAG.matcher(body);
            boolean behind = false;
            boolean any = false;
            while (lag.find()) {
                any = true;
                behind |= !"0".equals(lag.group(1));
            }
            if (any && !behind && body.contains("\"lastOffset\"")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the live projections did not catch up in 30 minutes");
    }

    private static HttpResponse<String> get(URI uri, String authorization) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Number number(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\":([0-9.]+)").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException(field + " not in " + json);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private ReportingBenchmark() {
    }
}

package org.allyledger.local;

import io.restassured.http.ContentType;
import org.allyledger.contracts.published.PeopleV1;
import org.allyledger.contracts.published.PublishedTypes;
import org.allyledger.infra.testing.EventSender;
import org.allyledger.local.OtlpReceiver.ReceivedSpan;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.allyledger.local.PackagedSystemTest.REPOSITORY;
import static org.allyledger.local.PackagedSystemTest.as;
import static org.allyledger.local.PackagedSystemTest.data;
import static org.allyledger.local.PackagedSystemTest.department;
import static org.allyledger.local.PackagedSystemTest.headcountOf;
import static org.allyledger.local.PackagedSystemTest.ports;
import static org.allyledger.local.PackagedSystemTest.put;
import static org.allyledger.local.PackagedSystemTest.system;
import static org.allyledger.local.PackagedSystemTest.url;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator sees of the packaged system, with tracing on and exporting by OTLP to a collector in the test: one
 * trace from an HR system's request through the append, the relay's send and every consumer's apply; the metrics of
 * commands, the relay and the consumers after a known scenario (one registration, one poison record, one record of an
 * unknown type); JSON log lines with trace and span ids; and every metric the dashboard and the alert rules query
 * exists in a service's {@code /q/metrics}.
 */
class ObservabilityIT {
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final String PEOPLE_TOPIC = PublishedTypes.topic(PeopleV1.class);
    private static final Path DEPLOY = REPOSITORY.resolve("deploy/kubernetes/base");
    private static final Pattern METRIC = Pattern.compile("\\b((?:allyledger|process)_[a-z0-9_]+)");
    private static OtlpReceiver collector;

    /** The packaged system of {@link PackagedSystemTest}, its services exporting traces to the test's collector. */
    @BeforeAll
    static void start() throws IOException {
        collector = new OtlpReceiver();
        data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "allyledger-it");
        ports = LocalSystem.Ports.free();
        system = new LocalSystem(REPOSITORY, data, ports).withServiceProperties(List.of(
                "-Dquarkus.otel.sdk.disabled=false",
                "-Dquarkus.otel.exporter.otlp.traces.endpoint=" + collector.endpoint(),
                "-Dquarkus.otel.exporter.otlp.traces.protocol=http/protobuf",
                "-Dquarkus.otel.bsp.schedule.delay=100ms",
                "-Dallyledger.metrics.lag-interval=1s",
                "-Dquarkus.log.console.json.enabled=true")).start();
    }

    @AfterAll
    static void stop() {
        PackagedSystemTest.stop();
        collector.close();
    }

    @Test
    void oneTraceRunsFromTheRequestThroughTheRelayToEveryConsumerAndTheMetricsTellTheScenario() throws Exception {
        String department = department();
        String person = put(department);
        as("hris", "hr-system").contentType(ContentType.JSON).body("{}").put(url(Service.COMMITMENT, "/people/" + person + "-invalid"))
                .then().statusCode(400);
        await().atMost(ARRIVAL).until(() -> headcountOf(department) == 1);

        // the trace: request → append → send → each consumer's process, each span the child of the one before
        ReceivedSpan request = awaitSpan(span -> span.service().equals("commitment-service") && span.kind() == ReceivedSpan.SERVER
                && span.name().equals("PUT /people/{employeeId}") && person.equals(lastSegment(span.attributes().get("url.path"))));
        ReceivedSpan append = awaitSpan(span -> span.traceId().equals(request.traceId()) && span.name().equals("append"));
        assertTrue(ancestors(append).contains(request.spanId()), "the append is within the request: " + trace(request.traceId()));
        ReceivedSpan send = awaitSpan(span -> span.parentSpanId().equals(append.spanId()) && span.kind() == ReceivedSpan.PRODUCER);
        assertEquals("send " + PEOPLE_TOPIC, send.name());
        assertEquals(Map.of("messaging.system", "kafka", "messaging.operation.type", "send", "messaging.destination.name", PEOPLE_TOPIC),
                subset(send.attributes(), "messaging.system", "messaging.operation.type", "messaging.destination.name"));
        for (String consumer : List.of("reporting.people", "recognition.people")) {
            ReceivedSpan process = awaitSpan(span -> span.parentSpanId().equals(send.spanId())
                    && consumer.equals(span.attributes().get("messaging.consumer.group.name")));
            assertEquals("process " + PEOPLE_TOPIC, process.name());
            assertEquals(ReceivedSpan.CONSUMER, process.kind());
            assertEquals(request.traceId(), process.traceId());
        }
        System.out.println("The trace of PUT /people/" + person + ":\n" + trace(request.traceId()));

        // a poison record carrying a trace: dead-lettered by each consumer, in that trace
        String poisonTrace = HexFormat.of().formatHex(randomBytes(16));
        String poisonParent = HexFormat.of().formatHex(randomBytes(8));
        ProducerRecord<String, String> poison = EventSender.malformed(PEOPLE_TOPIC, "e-poison-" + UUID.randomUUID(), UUID.randomUUID(),
                PeopleV1.PersonRegistered.TYPE, 1, "not JSON", OffsetDateTime.now());
        EventSender.header(poison, "traceparent", "00-" + poisonTrace + "-" + poisonParent + "-01");
        // a type no consumer knows yet, as a newer producer might publish: skipped and counted
        String unknownType = "org.allyledger.people.PersonTeleported.v1";
        ProducerRecord<String, String> unknown = EventSender.cloudEvent(PEOPLE_TOPIC, "e-unknown-" + UUID.randomUUID(), UUID.randomUUID(),
                unknownType, 1, "{\"employeeId\": \"e-x\"}");
        try (EventSender sender = new EventSender(system.kafkaBootstrapServers())) {
            sender.send(poison);
            sender.send(unknown);
        }
        ReceivedSpan deadLetter = awaitSpan(span -> span.traceId().equals(poisonTrace) && span.service().equals("reporting-service"));
        assertEquals("dead_letter " + PEOPLE_TOPIC, deadLetter.name());
        assertEquals(poisonParent, deadLetter.parentSpanId());
        // its log line is a JSON line with the trace and span ids of the dead-lettering
        List<String> logged = Files.readAllLines(data.resolve("logs/reporting-service.log")).stream()
                .filter(line -> line.contains("reporting.people dead-letters")).toList();
        assertEquals(1, logged.size(), "the dead-letter's log lines: " + logged);
        assertTrue(logged.get(0).startsWith("{") && logged.get(0).contains("\"traceId\":\"" + poisonTrace + "\"")
                && logged.get(0).contains("\"spanId\":\"" + deadLetter.spanId() + "\""), logged.get(0));

        Map<String, String> labels = Map.of("consumer", "reporting.people");
        await().atMost(ARRIVAL).untilAsserted(() -> {
            Scrape reporting = Scrape.of(Service.REPORTING);
            assertEquals(1.0, reporting.value("allyledger_inbox_dead_lettered_total", labels));
            assertEquals(1.0, reporting.value("allyledger_dead_letters", labels));
            assertEquals(1.0, reporting.value("allyledger_projection_skipped_total", Map.of("projection", "reporting.people", "type", unknownType)));
            // the registration only: neither the poison record nor the unknown type counts as applied
            assertEquals(1.0, reporting.value("allyledger_inbox_applied_total", labels));
            assertEquals(0.0, reporting.value("allyledger_inbox_duplicates_total", labels));
            // caught up with everything on the topic, poison and unknown type included
            assertEquals(List.of(0.0, 0.0, 0.0), reporting.values("allyledger_consumer_lag_records", labels));
            assertEquals(List.of(0.0, 0.0, 0.0), reporting.values("allyledger_consumer_lag_seconds", labels));
            assertEquals(0.0, reporting.value("allyledger_rebuild_running", Map.of("projection", "reporting.people")));
        });
        Scrape commitment = Scrape.of(Service.COMMITMENT);
        assertEquals(1.0, commitment.value("allyledger_commands_seconds_count",
                Map.of("command", "PeopleResource.upsert", "status", "2xx", "problem", "none")));
        assertEquals(1.0, commitment.value("allyledger_commands_seconds_count",
                Map.of("command", "PeopleResource.upsert", "status", "4xx", "problem", "invalid-request")));
        assertEquals(1.0, commitment.value("allyledger_relay_published_total", Map.of()));
        assertEquals(1.0, commitment.value("allyledger_relay_delay_seconds_count", Map.of()));
        assertEquals(1.0, commitment.value("allyledger_relay_publishing", Map.of()));

        // readiness covers the database, each Kafka channel, the relay's slot and the topics' history
        io.restassured.RestAssured.get(url(Service.COMMITMENT, "/q/health/ready")).then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.hasItems("Reactive PostgreSQL connections health check",
                        "SmallRye Reactive Messaging - readiness check", "event-relay"));
        io.restassured.RestAssured.get(url(Service.REPORTING, "/q/health/ready")).then().statusCode(200)
                .body("checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }.data.keySet()",
                        org.hamcrest.Matchers.hasItems("people", "commitments", "sponsorships", "recognition"))
                .body("checks.name", org.hamcrest.Matchers.hasItems("Reactive PostgreSQL connections health check", "topics keep their history"));

        // every metric the dashboard and the alert rules query is one a service publishes
        Set<String> published = new TreeSet<>();
        for (Service service : Service.values()) {
            published.addAll(Scrape.of(service).names());
        }
        for (Path file : List.of(DEPLOY.resolve("dashboards/allyledger-pipeline.json"), DEPLOY.resolve("alerts.yaml"))) {
            Set<String> queried = new TreeSet<>();
            Matcher metric = METRIC.matcher(Files.readString(file));
            while (metric.find()) {
                queried.add(metric.group(1));
            }
            assertTrue(queried.size() >= 5, file + " queries " + queried);
            queried.removeAll(published);
            assertEquals(Set.of(), queried, file + " queries metrics no service publishes");
        }
    }

    private static ReceivedSpan awaitSpan(java.util.function.Predicate<ReceivedSpan> wanted) {
        try {
            return await().atMost(ARRIVAL).until(() -> collector.spans().stream().filter(wanted).findFirst(), Optional::isPresent).orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no such span among the " + collector.spans().size() + " received: "
                    + collector.spans().stream().map(span -> span + " " + span.attributes()).limit(40).toList(), e);
        }
    }

    /** The span ids above the span, up to its trace's root as far as the collector has it. */
    private static List<String> ancestors(ReceivedSpan span) {
        Map<String, ReceivedSpan> byId = collector.spans().stream().collect(Collectors.toMap(ReceivedSpan::spanId, s -> s, (a, b) -> a));
        List<String> ancestors = new ArrayList<>();
        for (ReceivedSpan at = byId.get(span.parentSpanId()); at != null; at = byId.get(at.parentSpanId())) {
            ancestors.add(at.spanId());
        }
        return ancestors;
    }

    /** A trace as text, each span under its parent. */
    private static String trace(String traceId) {
        List<ReceivedSpan> spans = collector.spans().stream().filter(span -> span.traceId().equals(traceId)).toList();
        StringBuilder text = new StringBuilder();
        spans.stream().filter(span -> spans.stream().noneMatch(parent -> parent.spanId().equals(span.parentSpanId())))
                .forEach(root -> print(root, spans, 0, text));
        return text.toString();
    }

    private static void print(ReceivedSpan span, List<ReceivedSpan> spans, int depth, StringBuilder text) {
        text.append("  ".repeat(depth + 1)).append(span).append('\n');
        spans.stream().filter(child -> child.parentSpanId().equals(span.spanId())).forEach(child -> print(child, spans, depth + 1, text));
    }

    private static Map<String, String> subset(Map<String, String> attributes, String... names) {
        Map<String, String> subset = new LinkedHashMap<>();
        for (String name : names) {
            subset.put(name, attributes.get(name));
        }
        return subset;
    }

    private static String lastSegment(String path) {
        return path == null ? null : path.substring(path.lastIndexOf('/') + 1);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1; // never all zero, which W3C trace context refuses
        return bytes;
    }

    /** A service's {@code /q/metrics} in the Prometheus text format, read by series. */
    private record Scrape(List<String> lines) {
        /** A series, with an OpenMetrics exemplar after it where there is one. */
        private static final Pattern SERIES = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)})? (\\S+)(?: # .*)?");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        static Scrape of(Service service) {
            return new Scrape(io.restassured.RestAssured.get(url(service, "/q/metrics")).then().statusCode(200).extract().asString()
                    .lines().filter(line -> !line.startsWith("#") && !line.isBlank()).toList());
        }

        Set<String> names() {
            Set<String> names = new TreeSet<>();
            for (String line : lines) {
                Matcher series = SERIES.matcher(line);
                if (series.matches()) {
                    names.add(series.group(1));
                }
            }
            return names;
        }

        /** The values of the series of that name whose labels include these. */
        List<Double> values(String name, Map<String, String> labels) {
            List<Double> values = new ArrayList<>();
            for (String line : lines) {
                Matcher series = SERIES.matcher(line);
                if (series.matches() && series.group(1).equals(name) && labels(series.group(2)).entrySet().containsAll(labels.entrySet())) {
                    values.add(Double.parseDouble(series.group(3)));
                }
            }
            return values;
        }

        /** The one series' value; fails when none or several match. */
        double value(String name, Map<String, String> labels) {
            List<Double> values = values(name, labels);
            assertEquals(1, values.size(), name + labels + " in " + lines.stream().filter(line -> line.startsWith(name)).toList());
            return values.get(0);
        }

        private static Map<String, String> labels(String text) {
            Map<String, String> labels = new LinkedHashMap<>();
            if (text != null) {
                Matcher label = LABEL.matcher(text);
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            return labels;
        }
    }
}

package org.allyledger.local;

import io.restassured.http.ContentType;
import org.allyledger.contracts.TopicDeclaration;
import org.allyledger.contracts.Topics;
import org.allyledger.infra.EmbeddedPostgresServer;
import org.allyledger.infra.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Erasure end to end on the packaged system: a person with distinctive personal data across commitments, actions, a
 * pledge, nominations given (one anonymous) and received, and an endorsement is erased; then every table of every
 * database, every record of every topic and every report (JSON and CSV) is scanned for their text in clear, again after
 * every projection is rebuilt and after the whole system restarts. Reports keep their figures.
 */
class PersonalDataErasureIT extends PackagedSystemTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final List<String> DATABASES = List.of("commitment", "recognition", "reporting");
    private static final List<String> PROJECTIONS = List.of("reporting.people", "reporting.commitments", "reporting.sponsorships",
            "reporting.recognition");

    @Test
    void anErasedPersonsTextIsNowhereInClearAndReportsKeepTheirFigures() throws Exception {
        // every text of the person carries the mark; no id, department or date does
        String mark = "zq" + UUID.randomUUID().toString().substring(0, 8);
        String person = id();
        String colleague = id();
        String other = id();
        String department = "Dept-" + UUID.randomUUID().toString().substring(0, 6);
        put(person, "Quinn Marrow " + mark, mark + "@example.org", department);
        put(colleague, "Colleague", "c@example.org", department);
        put(other, "Other", "o@example.org", department);
        for (String id : List.of(person, colleague, other)) {
            await().atMost(ARRIVAL).untilAsserted(() -> as(id, "employee").get(url(Service.RECOGNITION, "/people/" + id + "/eligibility"))
                    .then().statusCode(200).body("active", equalTo(true)));
        }

        LocalDate today = LocalDate.now();
        String privateCommitment = commitment(person, "A private promise " + mark, "PRIVATE", today);
        String publicCommitment = commitment(person, "A public promise " + mark, "ORGANISATION", today);
        as(person, "employee").contentType(ContentType.JSON).body("""
                {"kind": "READING", "occurredOn": "%s", "note": "My note %s", "evidenceUrl": "https://evidence.example.org/%s"}"""
                .formatted(today, mark, mark)).post(url(Service.COMMITMENT, "/commitments/" + privateCommitment + "/actions"))
                .then().statusCode(201);
        as(person, "employee").contentType(ContentType.JSON).body("{\"statement\": \"Amended promise %s\", \"reason\": \"Because %s\"}"
                .formatted(mark, mark)).post(url(Service.COMMITMENT, "/commitments/" + publicCommitment + "/amendments")).then().statusCode(200);
        String initiative = as("admin-1", "program-admin").contentType(ContentType.JSON)
                .body("{\"name\": \"Circles\", \"erg\": \"ERG\", \"year\": %d}".formatted(today.getYear()))
                .post(url(Service.COMMITMENT, "/initiatives")).then().statusCode(201).extract().path("id");
        as(person, "employee").contentType(ContentType.JSON).body("{}").post(url(Service.COMMITMENT, "/initiatives/" + initiative + "/sponsorships"))
                .then().statusCode(201);
        as(person, "employee").contentType(ContentType.JSON).body("{\"outcome\": \"Ran circles %s\"}".formatted(mark))
                .post(url(Service.COMMITMENT, "/initiatives/" + initiative + "/sponsorships/" + person + "/fulfilment")).then().statusCode(200);

        String given = nominate(person, colleague, "Written by the person about a colleague " + mark, false);
        String anonymous = nominate(person, other, "Written anonymously by the person " + mark, true);
        String received = nominate(colleague, person, "Written about the person by a colleague " + mark, false);
        String endorsed = nominate(other, colleague, "Written by another colleague, without the mark", false);
        as(person, "employee").contentType(ContentType.JSON).body("{\"note\": \"Endorsed by %s\"}".formatted(mark))
                .post(url(Service.RECOGNITION, "/nominations/" + endorsed + "/endorsements")).then().statusCode(200);

        // before: the text is readable where it should be, and reporting has everything
        as(person, "employee").get(url(Service.COMMITMENT, "/commitments/" + privateCommitment)).then().statusCode(200)
                .body("statement", equalTo("A private promise " + mark));
        await().atMost(ARRIVAL).untilAsserted(() -> as("analyst-1", "analyst").get(url(Service.REPORTING, "/reports/allies/" + person))
                .then().statusCode(200).body("commitments", hasSize(2)).body("nominationsReceived", hasSize(1))
                .body("sponsorships", hasSize(1)).body("endorsementsGiven", equalTo(1)));
        // every projection has applied everything on its topic: the reports below are the final figures
        await().atMost(ARRIVAL).untilAsserted(() -> as("analyst-1", "analyst").get(url(Service.REPORTING, "/ops/projections"))
                .then().statusCode(200).body("findAll { it.lag != 0 }", hasSize(0)));
        await().atMost(ARRIVAL).untilAsserted(() -> as("analyst-1", "analyst").get(url(Service.REPORTING,
                "/reports/ally-of-the-month/" + YearMonth.now())).then().statusCode(200));
        Map<String, String> reportsBefore = reports(person, today.getYear());

        // right of access: one document from both services, with the person's text in clear, theirs to read
        String export = as(person, "employee").get(url(Service.COMMITMENT, "/people/" + person + "/personal-data")).then().statusCode(200)
                .body("unavailable", hasSize(0)).body("commitments", hasSize(2)).body("pledges", hasSize(1))
                .body("recognition.nominationsGiven", hasSize(2)).body("recognition.nominationsReceived", hasSize(1))
                .body("recognition.endorsementsGiven", hasSize(1)).extract().asString();
        for (String text : List.of("Quinn Marrow " + mark, mark + "@example.org", "A private promise " + mark, "My note " + mark,
                "Amended promise " + mark, "Ran circles " + mark, "Written anonymously by the person " + mark,
                "Written about the person by a colleague " + mark, "Endorsed by " + mark)) {
            org.junit.jupiter.api.Assertions.assertTrue(export.contains(text), text + " is missing from the export: " + export);
        }

        long asked = System.nanoTime();
        as("hris", "hr-system").contentType(ContentType.JSON).post(url(Service.COMMITMENT, "/people/" + person + "/erasure")).then().statusCode(200)
                .body("displayName", equalTo("erased person")).body("erased", equalTo(true));
        long answered = System.nanoTime();
        // recognition destroys its key of the person when it reads the erasure from the people topic
        await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> as("admin-1", "program-admin")
                .get(url(Service.RECOGNITION, "/nominations/" + received)).then().statusCode(200).body("citation", nullValue()));
        System.out.printf("erasure: commitment-service answered in %d ms; recognition-service's copy unreadable %d ms after the request%n",
                (answered - asked) / 1_000_000, (System.nanoTime() - asked) / 1_000_000);
        for (String nomination : List.of(given, anonymous)) {
            as("admin-1", "program-admin").get(url(Service.RECOGNITION, "/nominations/" + nomination)).then().statusCode(200)
                    .body("citation", nullValue());
        }
        as("hris", "hr-system").get(url(Service.COMMITMENT, "/commitments/" + publicCommitment)).then().statusCode(200)
                .body("statement", nullValue()).body("targetActions", equalTo(5));

        assertEquals(List.of(), inClear(mark, person, today.getYear()), "after the erasure");
        String erasedExport = as("hris", "hr-system").get(url(Service.COMMITMENT, "/people/" + person + "/personal-data")).then()
                .statusCode(200).body("erasures", hasSize(1)).body("erasures[0].by", equalTo("hris")).body("unavailable", hasSize(0))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(erasedExport.contains(mark), erasedExport);
        assertEquals(reportsBefore, reports(person, today.getYear()), "the reports' figures");

        for (String projection : PROJECTIONS) {
            String progress = as("admin-1", "program-admin").post(url(Service.REPORTING, "/ops/projections/" + projection + "/rebuilds"))
                    .then().statusCode(202).extract().header("Location");
            await().atMost(ARRIVAL).untilAsserted(() -> as("analyst-1", "analyst").get(progress).then().statusCode(200)
                    .body("status", equalTo("SWAPPED")));
        }
        assertEquals(List.of(), inClear(mark, person, today.getYear()), "after rebuilding every projection");
        assertEquals(reportsBefore, reports(person, today.getYear()), "the reports' figures after the rebuilds");

        restart();
        as("hris", "hr-system").get(url(Service.COMMITMENT, "/people/" + person)).then().statusCode(200)
                .body("displayName", equalTo("erased person")).body("email", nullValue());
        assertEquals(List.of(), inClear(mark, person, today.getYear()), "after restarting the system");
        assertEquals(reportsBefore, reports(person, today.getYear()), "the reports' figures after the restart");
        // no service ever logged the person's text, before the erasure or after
        assertEquals(List.of(), serviceLogLinesWith(mark), "the services' logs");
    }

    /** Lines of every service's log (each run's, restarts included) that contain the text. */
    private static List<String> serviceLogLinesWith(String text) throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> logs;
        try (Stream<Path> files = Files.list(data.resolve("logs"))) {
            logs = files.filter(file -> Arrays.stream(Service.values()).anyMatch(service -> file.getFileName().toString().startsWith(service.module)))
                    .toList();
        }
        assertEquals(Service.values().length, logs.size(), "a log per service: " + logs);
        for (Path log : logs) {
            Files.readAllLines(log).stream().filter(line -> line.contains(text)).forEach(line -> found.add(log.getFileName() + ": " + line));
        }
        return found;
    }

    /** Where the mark is found in clear: table rows of every database, records of every topic, reports. */
    private static List<String> inClear(String mark, String person, int year) throws SQLException {
        List<String> found = new ArrayList<>();
        for (String database : DATABASES) {
            try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + system.postgresPort() + "/" + database,
                    EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD)) {
                List<String> tables = new ArrayList<>();
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                        "select format('%I.%I', table_schema, table_name) from information_schema.tables"
                                + " where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')")) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
                for (String table : tables) {
                    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                            "select count(*) from " + table + " t where t::text like '%" + mark + "%'")) {
                        rows.next();
                        if (rows.getLong(1) > 0) {
                            found.add(database + " " + table);
                        }
                    }
                }
            }
        }
        for (TopicDeclaration topic : Topics.DECLARED) {
            try (TopicReader reader = new TopicReader(system.kafkaBootstrapServers(), topic.name())) {
                for (ConsumerRecord<String, String> record : reader.toEnd(ARRIVAL)) {
                    if (TopicReader.text(record).contains(mark)) {
                        found.add(topic.name() + "@" + record.partition() + ":" + record.offset());
                    }
                }
            }
        }
        reports(person, year).forEach((report, body) -> {
            if (body.contains(mark)) {
                found.add(report);
            }
        });
        return found;
    }

    /** Every report that can concern the person, as JSON and as CSV. */
    private static Map<String, String> reports(String person, int year) {
        Map<String, String> reports = new LinkedHashMap<>();
        for (String path : List.of("/reports/headcount", "/reports/allies/" + person, "/reports/ally-of-the-month/" + YearMonth.now(),
                "/reports/ally-of-the-month?year=" + year, "/reports/recognition-equity?year=" + year + "&by=department",
                "/reports/commitment-fulfilment?year=" + year + "&by=department", "/reports/sponsorship?year=" + year)) {
            for (String type : List.of("application/json", "text/csv")) {
                reports.put(path + " " + type, as("analyst-1", "analyst").accept(type).get(url(Service.REPORTING, path))
                        .then().statusCode(200).extract().asString());
            }
        }
        return reports;
    }

    private static String commitment(String ally, String statement, String visibility, LocalDate today) {
        return as(ally, "employee").contentType(ContentType.JSON).body("""
                {"category": "ACTIVE_BYSTANDER", "statement": "%s", "startsOn": "%s", "endsOn": "%s", "targetActions": 5,
                 "visibility": "%s"}""".formatted(statement, today.minusDays(1), today.plusDays(60), visibility))
                .post(url(Service.COMMITMENT, "/commitments")).then().statusCode(201).extract().path("id");
    }

    private static String nominate(String nominator, String nominee, String citation, boolean anonymous) {
        return as(nominator, "employee").contentType(ContentType.JSON).body("""
                {"nomineeId": "%s", "awardMonth": "%s", "categories": ["ACTIVE_BYSTANDER"], "citation": "%s", "anonymous": %s}"""
                .formatted(nominee, YearMonth.now(), citation, anonymous)).post(url(Service.RECOGNITION, "/nominations"))
                .then().statusCode(201).extract().path("id");
    }

    private static void put(String id, String name, String email, String department) {
        as("hris", "hr-system").contentType(ContentType.JSON).body("""
                {"displayName": "%s", "email": "%s", "department": "%s", "location": "Lisbon", "workModel": "REMOTE"}"""
                .formatted(name, email, department)).put(url(Service.COMMITMENT, "/people/" + id)).then().statusCode(201);
    }

    private static String id() {
        return "e-" + UUID.randomUUID().toString().substring(0, 8);
    }

}

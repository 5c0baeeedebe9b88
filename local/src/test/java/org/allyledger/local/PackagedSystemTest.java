package org.allyledger.local;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * The packaged system for a test class, as the launcher runs it: each service its own process, real PostgreSQL, real
 * Kafka, Debezium in the write services, on free ports beside any local launcher. Started once per class.
 */
abstract class PackagedSystemTest {
    static final Path REPOSITORY = Path.of("..");
    static Path data;
    static LocalSystem.Ports ports;
    static LocalSystem system;

    @BeforeAll
    static void start() throws IOException {
        data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "allyledger-it");
        ports = LocalSystem.Ports.free();
        system = new LocalSystem(REPOSITORY, data, ports).start();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
            system = null;
        }
    }

    /** Stops every process and starts the system again on the same data and ports. */
    static void restart() {
        system.close();
        system = new LocalSystem(REPOSITORY, data, ports).start();
    }

    static RequestSpecification as(String subject, String role) {
        return given().auth().oauth2(system.token(subject, role));
    }

    static URI url(Service service, String path) {
        return system.url(service, path);
    }

    /** A department no other test uses, so a test counts only its own people. */
    static String department() {
        return "Dept-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers a new person in the department through commitment-service; answers their id. */
    static String put(String department) {
        return put(system.url(Service.COMMITMENT, "").toString(), department);
    }

    /** As {@link #put(String)}, through the commitment-service replica at {@code commitment}. */
    static String put(String commitment, String department) {
        String id = "e-" + UUID.randomUUID().toString().substring(0, 8);
        as("hris", "hr-system").contentType(ContentType.JSON).body("""
                        {"displayName": "Test Person", "email": "t@example.org", "department": "%s",
                         "location": "Lisbon", "workModel": "REMOTE"}""".formatted(department))
                .put(commitment + "/people/" + id)
                .then().statusCode(201);
        return id;
    }

    /** The department's headcount in reporting-service's read model. */
    static long headcountOf(String department) {
        return headcountOf(system.url(Service.REPORTING, "").toString(), department);
    }

    /** As {@link #headcountOf(String)}, as the reporting-service replica at {@code reporting} answers it. */
    static long headcountOf(String reporting, String department) {
        JsonPath report = as("analyst-1", "analyst").get(reporting + "/reports/headcount").then().statusCode(200).extract().jsonPath();
        return report.getList("byDepartment.findAll { it.name == '" + department + "' }.headcount", Long.class)
                .stream().mapToLong(Long::longValue).sum();
    }
}

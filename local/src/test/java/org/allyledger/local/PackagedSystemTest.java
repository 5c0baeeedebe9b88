package org.allyledger.local;

import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

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
}

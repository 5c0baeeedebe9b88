package org.allyledger.local;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.allyledger.infra.auth.SigningKeys;
import org.allyledger.infra.auth.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher as a user runs it ({@code local/run.sh --no-build}), killed outright and started again on the same data:
 * it stops what the killed one left running, recovers PostgreSQL, and comes up with every record; stopped gracefully, it
 * stops the services before the engines they use.
 */
class LocalLauncherIT {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Duration UP = Duration.ofMinutes(3);
    private static final Duration ARRIVAL = Duration.ofSeconds(60);

    private final List<Process> launchers = new ArrayList<>();
    private Path data;
    private LocalSystem.Ports ports;

    @AfterEach
    void stopEverything() throws Exception {
        for (Process launcher : launchers) {
            launcher.destroy();
            if (!launcher.waitFor(90, TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
            }
        }
        for (long pid : servicePids()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aKilledLauncherStartedAgainTwiceComesUpWithAllItsData() throws Exception {
        data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "allyledger-launcher");
        ports = LocalSystem.Ports.free();
        Process launcher = launch();
        awaitUp(launcher);
        String department = "Dept-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> people = new ArrayList<>(List.of(put(department)));
        await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(1, headcountOf(department)));

        for (int round = 1; round <= 2; round++) {
            List<Long> orphans = servicePids();
            launcher.destroyForcibly().waitFor();
            assertEquals(3, orphans.size());
            assertTrue(orphans.stream().allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)),
                    "the services of a killed launcher run on until a new one stops them");

            launcher = launch();
            awaitUp(launcher);

            assertTrue(orphans.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)),
                    "the new launcher stopped the services the killed one left");
            for (String id : people) {
                as("hris", "hr-system").get(url(Service.COMMITMENT, "/people/" + id)).then().statusCode(200);
            }
            assertEquals(people.size(), headcountOf(department));
            people.add(put(department));
            int expected = people.size();
            await().atMost(ARRIVAL).untilAsserted(() -> assertEquals(expected, headcountOf(department)));
        }
        String log = Files.readString(data.resolve("logs").resolve("postgres.log"));
        assertTrue(log.contains("database system is ready to accept connections"), "PostgreSQL's own start-up output is logged");

        // stopped as Ctrl-C stops it: each service stops while its database and broker are still there
        launcher.destroy();
        assertTrue(launcher.waitFor(90, TimeUnit.SECONDS), "the launcher stops");
        for (Service service : Service.values()) {
            String serviceLog = Files.readString(data.resolve("logs").resolve(service.module + ".log"));
            String lastRun = serviceLog.substring(serviceLog.lastIndexOf(" started in "));
            assertTrue(lastRun.contains(" stopped in "), service.module + " stopped");
            assertFalse(lastRun.contains(" ERROR "), service.module + " logged an error as it ran and stopped: " + lastRun);
        }
    }

    @Test
    void aLauncherRefusesToStartWhenAPortItNeedsIsTaken() throws Exception {
        data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "allyledger-launcher");
        ports = LocalSystem.Ports.free();
        int taken = ports.http().get(Service.COMMITMENT);
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress("localhost", taken));
            Process launcher = launch();
            assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "the launcher gives up at once");
            assertEquals(1, launcher.exitValue());
            String output = output();
            assertTrue(output.contains("port " + taken + " (commitment-service) in use"), output);
            assertFalse(output.contains("Ally Ledger is up"), output);
        }
    }

    private Process launch() throws IOException {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-Dallyledger.home=" + REPOSITORY, "-Dallyledger.data=" + data, "-Dallyledger.ports=" + ports.asProperty(),
                "-cp", REPOSITORY.resolve("local/target/classes") + ":" + REPOSITORY.resolve("local/target/lib") + "/*",
                LocalLauncher.class.getName());
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("launcher.out").toFile())).start();
        launchers.add(launcher);
        return launcher;
    }

    private void awaitUp(Process launcher) {
        int ups = output().split("Ally Ledger is up", -1).length - 1;
        await().atMost(UP).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!launcher.isAlive()) {
                throw new AssertionError("the launcher exited: " + output());
            }
            return output().split("Ally Ledger is up", -1).length - 1 > ups;
        });
    }

    private String output() {
        try {
            Path out = data.resolve("launcher.out");
            return Files.exists(out) ? Files.readString(out) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Long> servicePids() throws IOException {
        Path pids = data == null ? null : data.resolve(LocalSystem.PID_FILE);
        if (pids == null || !Files.exists(pids)) {
            return List.of();
        }
        return Files.readAllLines(pids).stream().filter(line -> !line.isBlank()).map(line -> Long.parseLong(line.split(" ")[1])).toList();
    }

    private String url(Service service, String path) {
        return "http://localhost:" + ports.http().get(service) + path;
    }

    private RequestSpecification as(String subject, String role) {
        String token = new Tokens(Tokens.DEV_ISSUER, SigningKeys.in(data.resolve("dev-keys")).privateKey()).mint(subject, role, Duration.ofHours(1));
        return given().auth().oauth2(token);
    }

    private String put(String department) {
        String id = "e-" + UUID.randomUUID().toString().substring(0, 8);
        as("hris", "hr-system").contentType(ContentType.JSON).body("""
                        {"displayName": "Kept Person", "email": "k@example.org", "department": "%s",
                         "location": "Porto", "workModel": "HYBRID"}""".formatted(department))
                .put(url(Service.COMMITMENT, "/people/" + id))
                .then().statusCode(201);
        return id;
    }

    private long headcountOf(String department) {
        JsonPath report = as("analyst-1", "analyst").get(url(Service.REPORTING, "/reports/headcount")).then().statusCode(200).extract().jsonPath();
        return report.getList("byDepartment.findAll { it.name == '" + department + "' }.headcount", Long.class)
                .stream().mapToLong(Long::longValue).sum();
    }
}

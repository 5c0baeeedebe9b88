package org.allyledger.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compose file as Docker Compose reads it (anchors and merge keys resolved), checked against deploy/README.md. */
class ComposeFileTest {
    private static final Path COMPOSE = DeployGuide.DEPLOY.resolve("compose");
    private static Map<String, Object> services;

    @BeforeAll
    static void read() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE.resolve("compose.yaml")));
        services = map(compose.get("services"));
    }

    @Test
    void postgresIsVersion17WithLogicalReplication() throws IOException {
        Map<String, Object> postgres = map(services.get("postgres"));
        assertTrue(((String) postgres.get("image")).startsWith("postgres:17"), postgres.get("image").toString());
        assertTrue(list(postgres.get("command")).contains("wal_level=logical"));
        assertNotNull(postgres.get("healthcheck"));
        List<String> databases = Files.readAllLines(COMPOSE.resolve("postgres-init.sql")).stream()
                .filter(line -> line.startsWith("create database")).toList();
        for (String service : DeployGuide.SERVICES) {
            String database = service.substring(0, service.indexOf('-'));
            assertTrue(databases.contains("create database " + database + ";"), database);
        }
    }

    @Test
    void kafkaRunsInKraftModeWithTopicsOnlyAsDeclared() {
        Map<String, Object> kafka = map(services.get("kafka"));
        Map<String, Object> environment = map(kafka.get("environment"));
        assertTrue(String.valueOf(environment.get("KAFKA_PROCESS_ROLES")).contains("controller"));
        assertTrue(String.valueOf(environment.get("KAFKA_PROCESS_ROLES")).contains("broker"));
        assertFalse(environment.keySet().stream().anyMatch(name -> name.contains("ZOOKEEPER")));
        assertEquals("false", environment.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"));
        assertNotNull(kafka.get("healthcheck"));

        Map<String, Object> topics = map(services.get("topics"));
        assertTrue(list(topics.get("volumes")).contains("./create-topics.sh:/create-topics.sh:ro"));
        assertEquals(List.of("/bin/sh", "/create-topics.sh"), topics.get("entrypoint"));
        assertEquals("service_healthy", map(map(topics.get("depends_on")).get("kafka")).get("condition"));
    }

    @Test
    void everyServiceHasItsRequiredSettingsAHealthCheckItsImageAndStartsAfterWhatItNeeds() throws IOException {
        for (String name : DeployGuide.SERVICES) {
            Map<String, Object> service = map(services.get(name));
            Map<String, Object> environment = map(service.get("environment"));
            String entrypoint = String.join(" ", list(service.get("entrypoint")));
            for (DeployGuide.Setting setting : DeployGuide.required(name)) {
                Object value = environment.get(setting.environmentVariable());
                assertTrue(value != null && !value.toString().isBlank() || entrypoint.contains(setting.environmentVariable() + "="),
                        name + " needs " + setting.environmentVariable());
            }
            assertTrue(String.join(" ", list(map(service.get("healthcheck")).get("test"))).contains("/q/health/ready"), name);

            Map<String, Object> build = map(service.get("build"));
            Path dockerfile = COMPOSE.resolve((String) build.get("context")).resolve((String) build.get("dockerfile")).normalize();
            assertEquals(DeployGuide.REPOSITORY.resolve(name).resolve("src/main/docker/Dockerfile.jvm"), dockerfile);
            String image = Files.readString(dockerfile);
            assertTrue(image.contains("USER 185"), name + " runs as a non-root user");
            assertTrue(image.contains("JAVA_MAX_MEM_RATIO"), name + " sizes its heap from the container's memory");

            Map<String, Object> dependsOn = map(service.get("depends_on"));
            assertEquals("service_healthy", map(dependsOn.get("postgres")).get("condition"), name);
            assertEquals("service_completed_successfully", map(dependsOn.get("topics")).get("condition"), name);
            assertEquals("service_completed_successfully", map(dependsOn.get("keys")).get("condition"), name);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertNotNull(value);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object value) {
        assertNotNull(value);
        return ((List<Object>) value).stream().map(String::valueOf).toList();
    }
}

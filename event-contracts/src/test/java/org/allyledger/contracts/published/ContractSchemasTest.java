package org.allyledger.contracts.published;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each published record and its JSON Schema describe the same event: one schema per type, the same fields both ways. */
class ContractSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyPublishedTypeHasASchemaWithExactlyItsRecordsFields() throws IOException {
        assertEquals(22, PublishedTypes.all().size(), "published types: " + PublishedTypes.all().keySet());
        for (var type : PublishedTypes.all().entrySet()) {
            JsonNode schema = schema(type.getKey());
            Set<String> recordFields = Arrays.stream(type.getValue().getRecordComponents()).map(c -> c.getName())
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> schemaFields = new TreeSet<>();
            schema.path("properties").fieldNames().forEachRemaining(schemaFields::add);
            assertEquals(schemaFields, recordFields, type.getKey());
            Set<String> required = new TreeSet<>();
            schema.path("required").forEach(field -> required.add(field.asText()));
            assertTrue(recordFields.containsAll(required), type.getKey() + " requires " + required);
            assertEquals(org.allyledger.contracts.CloudEventHeaders.dataSchema(type.getKey()), schema.path("$id").asText(),
                    "ce_dataschema names the schema's $id");
        }
    }

    @Test
    void everySchemaIsOfAPublishedType() throws IOException, URISyntaxException {
        Path schemas = Path.of(ContractSchemasTest.class.getResource("/schemas").toURI());
        try (Stream<Path> files = Files.list(schemas)) {
            Set<String> types = files.map(file -> file.getFileName().toString().replaceFirst("\\.json$", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(PublishedTypes.all().keySet()), types);
        }
    }

    @Test
    void eachFamilyIsPublishedOnItsOwnTopicAndItsTypesNameIt() {
        for (Class<? extends PublishedEvent> family : Set.of(PeopleV1.class, CommitmentsV1.class, SponsorshipsV1.class, RecognitionV1.class)) {
            String topic = PublishedTypes.topic(family);
            assertEquals(family, PublishedTypes.family(topic));
            String stream = topic.split("\\.")[1];
            for (Class<?> record : PublishedTypes.records(family)) {
                assertTrue(PublishedTypes.typeOf(record).startsWith("org.allyledger." + stream + "."), record.getName());
                assertTrue(PublishedTypes.typeOf(record).endsWith("." + record.getSimpleName() + ".v1"), record.getName());
            }
        }
    }

    @Test
    void aRequiredFieldMissingOrBlankIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new PeopleV1.PersonRegistered("e1", "n", "m", " ", "L", "REMOTE", null, true));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new RecognitionV1.NominationSubmitted("n1", "e2", "2026-11", java.util.List.of(), "c", false, "e1", null, null));
        assertNotNull(new SponsorshipsV1.InitiativeLaunched("i1", "Panels", "ERG", 2026, null, null));
    }

    @Test
    void everyFieldSaysWhoMaySeeIt() throws IOException {
        Set<String> levels = Set.of("program", "pseudonymous", "personal", "sealed");
        for (String type : PublishedTypes.all().keySet()) {
            schema(type).path("properties").fields().forEachRemaining(property -> assertTrue(
                    levels.contains(property.getValue().path("x-visibility").asText()),
                    type + "." + property.getKey() + " has no x-visibility of " + levels));
        }
    }

    private static JsonNode schema(String type) throws IOException {
        try (InputStream in = ContractSchemasTest.class.getResourceAsStream("/schemas/" + type + ".json")) {
            assertNotNull(in, "schemas/" + type + ".json");
            return JSON.readTree(in);
        }
    }
}

package org.allyledger.contracts.published;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Schemas evolve only additively against the released ones (released-schemas/), which the build enforces here. */
class SchemaCompatibilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RELEASED = Path.of("released-schemas");
    private static final Path CURRENT = Path.of("src/main/resources/schemas");

    @Test
    void everyReleasedSchemaIsStillPublishedAndChangedOnlyAdditively() throws IOException {
        try (Stream<Path> released = Files.list(RELEASED)) {
            List<Path> schemas = released.filter(file -> file.toString().endsWith(".json")).toList();
            assertEquals(21, schemas.size());
            for (Path schema : schemas) {
                Path current = CURRENT.resolve(schema.getFileName());
                assertTrue(Files.exists(current), schema.getFileName() + " was released and is no longer published");
                assertEquals(List.of(), SchemaCompatibility.breakingChanges(read(schema), read(current)), schema.getFileName().toString());
            }
        }
    }

    @Test
    void aRemovedFieldIsABreakingChange() throws IOException {
        JsonNode released = read(RELEASED.resolve("org.allyledger.commitments.CommitmentMade.v1.json"));
        ObjectNode current = released.deepCopy();
        ((ObjectNode) current.path("properties")).remove("statement");

        assertEquals(List.of("statement is removed"), SchemaCompatibility.breakingChanges(released, current));
    }

    @Test
    void aRetypedFieldANewRequiredFieldAndANarrowedEnumAreBreaking() throws IOException {
        JsonNode released = read(RELEASED.resolve("org.allyledger.commitments.CommitmentMade.v1.json"));
        ObjectNode current = released.deepCopy();
        ((ObjectNode) current.path("properties").path("targetActions")).put("type", "string");
        ((ObjectNode) current.path("properties")).putObject("priority").put("type", "string");
        ((ArrayNode) current.path("required")).add("priority");
        ArrayNode visibility = (ArrayNode) current.path("properties").path("visibility").path("enum");
        visibility.remove(1);

        List<String> breaking = SchemaCompatibility.breakingChanges(released, current);
        assertTrue(breaking.contains("targetActions changes type from [integer] to [string]"), breaking.toString());
        assertTrue(breaking.contains("priority is newly required"), breaking.toString());
        assertTrue(breaking.contains("visibility no longer allows [ORGANISATION]"), breaking.toString());
    }

    @Test
    void anAddedOptionalFieldAndAWiderEnumAreAdditive() throws IOException {
        JsonNode released = read(RELEASED.resolve("org.allyledger.commitments.CommitmentMade.v1.json"));
        ObjectNode current = released.deepCopy();
        ((ObjectNode) current.path("properties")).putObject("priority").put("type", "string");
        ((ArrayNode) current.path("properties").path("visibility").path("enum")).add("TEAM");
        ((ObjectNode) current.path("properties").path("renewedFrom")).putArray("type").add("string").add("null");

        assertEquals(List.of(), SchemaCompatibility.breakingChanges(released, current));
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }
}

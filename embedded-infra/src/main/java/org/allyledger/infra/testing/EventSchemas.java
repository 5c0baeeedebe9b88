package org.allyledger.infra.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/** Checks an event's JSON payload against the published JSON Schema of its CloudEvents type. */
public final class EventSchemas {
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether a JSON Schema is published for the type. */
    public static boolean isPublished(String type) {
        return EventSchemas.class.getClassLoader().getResource("schemas/" + type + ".json") != null;
    }

    /**
     * @return the violations, empty when the payload is valid
     * @throws IllegalStateException if no schema is published for the type
     */
    public static Set<ValidationMessage> violations(String type, String payload) {
        try (InputStream schema = EventSchemas.class.getClassLoader().getResourceAsStream("schemas/" + type + ".json")) {
            if (schema == null) {
                throw new IllegalStateException("no published schema for " + type);
            }
            return SCHEMAS.getSchema(schema).validate(JSON.readTree(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EventSchemas() {
    }
}

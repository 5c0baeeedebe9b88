package org.allyledger.contracts.published;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What makes a schema change breaking for a consumer that was written against the released one. */
final class SchemaCompatibility {
    private static final List<String> RESTRICTIONS = List.of("minLength", "maxLength", "pattern", "minimum", "maximum",
            "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "format", "const");

    /** The breaking changes from {@code released} to {@code current}; empty when the change is additive. */
    static List<String> breakingChanges(JsonNode released, JsonNode current) {
        List<String> breaking = new ArrayList<>();
        compare("", released, current, breaking);
        Set<String> wasRequired = texts(released.path("required"));
        for (String field : texts(current.path("required"))) {
            if (!wasRequired.contains(field)) {
                breaking.add(field + " is newly required");
            }
        }
        if (released.path("additionalProperties").asBoolean(true) && !current.path("additionalProperties").asBoolean(true)) {
            breaking.add("additionalProperties is turned off");
        }
        return breaking;
    }

    private static void compare(String path, JsonNode released, JsonNode current, List<String> breaking) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = released.path("properties").fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = path + field.getKey();
            JsonNode now = current.path("properties").path(field.getKey());
            if (now.isMissingNode()) {
                breaking.add(name + " is removed");
                continue;
            }
            if (!types(field.getValue()).equals(types(now)) && !types(now).containsAll(types(field.getValue()))) {
                breaking.add(name + " changes type from " + types(field.getValue()) + " to " + types(now));
            }
            Set<String> releasedValues = texts(field.getValue().path("enum"));
            Set<String> currentValues = texts(now.path("enum"));
            if (now.has("enum") && !currentValues.containsAll(releasedValues)) {
                Set<String> removed = new HashSet<>(releasedValues);
                removed.removeAll(currentValues);
                breaking.add(name + " no longer allows " + removed);
            }
            if (!field.getValue().has("enum") && now.has("enum")) {
                breaking.add(name + " is narrowed to an enum");
            }
            for (String restriction : RESTRICTIONS) {
                if (now.has(restriction) && !now.path(restriction).equals(field.getValue().path(restriction))) {
                    breaking.add(name + " has a new or changed " + restriction);
                }
            }
            compare(name + ".", field.getValue(), now, breaking);
            if (field.getValue().has("items")) {
                compare(name + "[].", field.getValue().path("items"), now.path("items"), breaking);
                if (!types(field.getValue().path("items")).equals(types(now.path("items")))
                        && !types(now.path("items")).containsAll(types(field.getValue().path("items")))) {
                    breaking.add(name + " items change type");
                }
            }
        }
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        Set<String> types = type.isArray() ? texts(type) : new HashSet<>();
        if (type.isTextual()) {
            types.add(type.asText());
        }
        return types;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new HashSet<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    private SchemaCompatibility() {
    }
}

package org.allyledger.commitment.people.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import java.io.IOException;

/**
 * One row of a bulk import, as sent: every field as text, checked row by row, so one bad row does not refuse
 * the others. {@code active} is true or false (JSON booleans are read as such); empty means true.
 */
public record PersonImportRow(String employeeId, String displayName, String email, String department, String location,
                              String workModel, String managerId, @JsonDeserialize(using = ActiveFlag.class) String active) {

    /** {@code active} as a JSON boolean, or as the text a CSV row has; the row check decides what text means. */
    static final class ActiveFlag extends StdScalarDeserializer<String> {
        ActiveFlag() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                return Boolean.toString(token == JsonToken.VALUE_TRUE);
            }
            return context.readValue(parser, String.class);
        }
    }
}

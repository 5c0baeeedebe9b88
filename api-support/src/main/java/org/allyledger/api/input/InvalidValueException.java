package org.allyledger.api.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/** A JSON value of the right place but an unacceptable content; its message is the field-level rule, never the value. */
public class InvalidValueException extends JsonMappingException {
    private final String rule;

    private InvalidValueException(JsonParser parser, String rule) {
        super(parser, rule);
        this.rule = rule;
    }

    static InvalidValueException of(JsonParser parser, String rule) {
        return new InvalidValueException(parser, rule);
    }

    public String rule() {
        return rule;
    }
}

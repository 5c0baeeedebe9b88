package org.allyledger.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** An RFC 9457 problem details body, with field-level errors where the input was at fault. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors, String existing) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://allyledger.org/problems/";

    public record FieldError(String field, String message) {
    }

    public Problem(String type, String title, int status, String detail, List<FieldError> errors) {
        this(type, title, status, detail, errors, null);
    }

    /** The same problem, pointing at the resource that stands in the way (e.g. the earlier nomination). */
    public Problem pointingAt(String existingResource) {
        return new Problem(type, title, status, detail, errors, existingResource);
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, List.of());
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + "invalid-request", "The request is invalid", 400, detail, errors);
    }
}

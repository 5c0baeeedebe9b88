package org.allyledger.api;

import java.util.List;
import java.util.OptionalLong;

/** Reads the {@code If-Match} header: the aggregate version a client last saw, as this API gave it in {@code ETag}. */
public final class IfMatch {

    public static OptionalLong version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return OptionalLong.empty();
        }
        String value = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        try {
            long version = Long.parseLong(value);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(version);
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.invalid("If-Match must be a version this API returned as ETag.",
                    List.of(new Problem.FieldError("If-Match", "must be a quoted version number, e.g. \"3\""))));
        }
    }

    private IfMatch() {
    }
}

package org.allyledger.api;

import java.util.List;

/** The rejections domain rules raise, as problems: a rule about a field, a state conflict, a missing resource. */
public final class Rejections {

    /** 422: the request is well-formed but breaks a rule about {@code field}. */
    public static ProblemException unprocessable(String field, String message) {
        return new ProblemException(new Problem("https://allyledger.org/problems/rule-violated", "A rule is not met", 422,
                field + " " + message + ".", List.of(new Problem.FieldError(field, message))));
    }

    /** 409: the resource's state does not allow the request (closed, full, already done). */
    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(Problem.of(409, slug, "Conflict with the current state", detail));
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", "No " + what + " has id " + id + "."));
    }

    private Rejections() {
    }
}

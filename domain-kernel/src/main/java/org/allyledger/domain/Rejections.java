package org.allyledger.domain;

/** Short names for raising a {@link Rejection}: {@code throw unprocessable("target", "must be at least 1")}. */
public final class Rejections {

    public static Rejection.RuleViolated unprocessable(String field, String rule) {
        return new Rejection.RuleViolated(field, rule);
    }

    public static Rejection.StateConflict conflict(String kind, String detail) {
        return new Rejection.StateConflict(kind, detail, null);
    }

    public static Rejection.StateConflict conflict(String kind, String detail, String existing) {
        return new Rejection.StateConflict(kind, detail, existing);
    }

    public static Rejection.NotFound notFound(String what, String id) {
        return new Rejection.NotFound(what, id);
    }

    public static Rejection.NotPermitted notPermitted(String detail) {
        return new Rejection.NotPermitted(detail);
    }

    private Rejections() {
    }
}

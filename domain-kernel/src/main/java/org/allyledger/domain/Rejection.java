package org.allyledger.domain;

/**
 * A command refused by a rule, in domain terms. The API maps each kind to its problem in one place
 * (api-support's {@code ProblemMappers}); domain code never speaks HTTP.
 */
public sealed abstract class Rejection extends RuntimeException {

    private Rejection(String message) {
        super(message, null, false, false);
    }

    /** The request is well formed but breaks a rule about one of its fields. */
    public static final class RuleViolated extends Rejection {
        private final String field;
        private final String rule;

        public RuleViolated(String field, String rule) {
            super(field + " " + rule + ".");
            this.field = field;
            this.rule = rule;
        }

        public String field() {
            return field;
        }

        public String rule() {
            return rule;
        }
    }

    /** The thing's state does not allow the request (closed, full, already done); {@code existing} names what is in the way. */
    public static non-sealed class StateConflict extends Rejection {
        private final String kind;
        private final String existing;

        public StateConflict(String kind, String detail, String existing) {
            super(detail);
            this.kind = kind;
            this.existing = existing;
        }

        /** A stable name of the conflict, e.g. {@code duplicate-nomination}. */
        public String kind() {
            return kind;
        }

        /** The path of the resource in the way, or null. */
        public String existing() {
            return existing;
        }
    }

    /** Nothing of that kind has that id. */
    public static final class NotFound extends Rejection {
        public NotFound(String what, String id) {
            super("No " + what + " has id " + id + ".");
        }
    }

    /** The actor may not do this to this thing (e.g. withdraw another's nomination). */
    public static final class NotPermitted extends Rejection {
        public NotPermitted(String detail) {
            super(detail);
        }
    }
}

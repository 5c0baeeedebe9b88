package org.allyledger.api;

import io.vertx.pgclient.PgException;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Tells a failure that may pass by itself (a lost connection, the database or broker down, a deadlock) from one
 * that will recur identically on the same input (bad data, a broken constraint). The first kind is retried, or answered
 * {@code 503} with {@code Retry-After}; the second is dead-lettered, or answered as a client error.
 */
public final class Failures {

    public enum Kind { TRANSIENT, DETERMINISTIC, UNCLASSIFIED }

    /**
     * SQLSTATE classes that pass: 08 connection exception, 40 transaction rollback (serialization, deadlock),
     * 53 insufficient resources, 57 operator intervention (shutdown, cancel), 55P03 lock not available.
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57");
    /** SQLSTATE classes that recur: 22 data exception, 23 integrity constraint violation. */
    private static final Set<String> DETERMINISTIC_CLASSES = Set.of("22", "23");
    /** The reactive client's failure of a query that waited for a pooled connection until its time ran out. */
    private static final String POOL_WAIT_TIMEOUT = "Timeout waiting for connection";

    /** A dependency of the service is not available yet or for now; the same request succeeds later. */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String reason) {
            super(reason);
        }
    }

    public static Kind classify(Throwable failure) {
        for (Throwable cause : (Iterable<Throwable>) causes(failure)::iterator) {
            String state = sqlState(cause);
            if (state != null && state.length() == 5) {
                String stateClass = state.substring(0, 2);
                if (TRANSIENT_CLASSES.contains(stateClass) || "55P03".equals(state)) {
                    return Kind.TRANSIENT;
                }
                if (DETERMINISTIC_CLASSES.contains(stateClass)) {
                    return Kind.DETERMINISTIC;
                }
            }
            if (cause instanceof Unavailable || cause instanceof IOException || cause instanceof TimeoutException
                    || cause instanceof io.vertx.sqlclient.ClosedConnectionException
                    || cause instanceof io.vertx.core.http.ConnectionPoolTooBusyException
                    || cause instanceof org.apache.kafka.common.errors.RetriableException
                    || isVertxConnectionFailure(cause)) {
                return Kind.TRANSIENT;
            }
        }
        return Kind.UNCLASSIFIED;
    }

    public static boolean isTransient(Throwable failure) {
        return classify(failure) == Kind.TRANSIENT;
    }

    /**
     * The service is at capacity: its database pool has as many requests waiting as it lets wait, or a request waited
     * for a connection as long as it may (a transient failure).
     */
    public static boolean atCapacity(Throwable failure) {
        return causes(failure).anyMatch(cause -> cause instanceof io.vertx.core.http.ConnectionPoolTooBusyException
                || cause instanceof io.vertx.core.VertxException && POOL_WAIT_TIMEOUT.equals(cause.getMessage()));
    }

    /** The SQLSTATE of a failure of the reactive or the JDBC client, if it is one. */
    public static String sqlState(Throwable failure) {
        if (failure instanceof PgException pg) {
            return pg.getSqlState();
        }
        if (failure instanceof SQLException sql) {
            return sql.getSQLState();
        }
        return null;
    }

    /** The first SQLSTATE in the failure's chain of causes, or null. */
    public static String sqlStateIn(Throwable failure) {
        return causes(failure).map(Failures::sqlState).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** The failure and its chain of causes, outermost first. */
    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, cause -> cause.getCause() == cause ? null : cause.getCause());
    }

    /** The Vert.x clients report a refused or dropped connection or a pool timeout without a type of its own. */
    private static boolean isVertxConnectionFailure(Throwable failure) {
        if (!(failure instanceof io.vertx.core.VertxException) && !failure.getClass().getName().startsWith("io.vertx.")) {
            return false;
        }
        String message = String.valueOf(failure.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("connection") || message.contains("timeout") || message.contains("timed out");
    }

    private Failures() {
    }
}

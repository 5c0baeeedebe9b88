package org.allyledger.api;

import io.vertx.pgclient.PgException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which failures pass by themselves, and what a client is told of each. */
class FailuresTest {

    private static PgException pg(String sqlState) {
        return new PgException("failure " + sqlState, "ERROR", sqlState, null);
    }

    @Test
    void connectionLossDeadlocksAndShutdownsPass() {
        for (String state : new String[]{"08006", "08001", "40001", "40P01", "53300", "57P01", "57014", "55P03"}) {
            assertEquals(Failures.Kind.TRANSIENT, Failures.classify(new CompletionException(new RuntimeException(pg(state)))), state);
        }
        assertEquals(Failures.Kind.TRANSIENT, Failures.classify(new RuntimeException(new ConnectException("Connection refused"))));
        assertEquals(Failures.Kind.TRANSIENT, Failures.classify(new org.apache.kafka.common.errors.TimeoutException("no broker")));
    }

    @Test
    void badDataAndBrokenConstraintsRecur() {
        for (String state : new String[]{"22021", "22P05", "22008", "23505", "23514"}) {
            assertEquals(Failures.Kind.DETERMINISTIC, Failures.classify(new RuntimeException(pg(state))), state);
        }
    }

    @Test
    void anythingElseIsOfNoKnownKind() {
        assertEquals(Failures.Kind.UNCLASSIFIED, Failures.classify(new IllegalStateException("a bug")));
        assertEquals(Failures.Kind.UNCLASSIFIED, Failures.classify(new RuntimeException(pg("42P01"))));
    }

    @Test
    void anUnavailableDatabaseIsA503WithRetryAfterAndBadDataA400() {
        Response unavailable = new ProblemMappers().unexpected(new RuntimeException(pg("08006")));
        assertEquals(503, unavailable.getStatus());
        assertEquals("5", unavailable.getHeaderString("Retry-After"));
        assertEquals(Problem.MEDIA_TYPE, unavailable.getMediaType().toString());

        assertEquals(400, new ProblemMappers().unexpected(new RuntimeException(pg("22021"))).getStatus());
        assertEquals(500, new ProblemMappers().unexpected(new IllegalStateException("a bug")).getStatus());
    }

    @Test
    void aFullWaitQueueAndAWaitThatRanOutAreBusyAndOtherVertxFailuresUnavailable() {
        Response full = new ProblemMappers().unexpected(new RuntimeException(new io.vertx.core.http.ConnectionPoolTooBusyException("full")));
        Response waitedOut = new ProblemMappers().unexpected(new RuntimeException(new io.vertx.core.VertxException("Timeout waiting for connection", true)));
        Response refused = new ProblemMappers().unexpected(new io.vertx.core.VertxException("Connection refused", true));
        for (Response busy : new Response[]{full, waitedOut}) {
            assertEquals(503, busy.getStatus());
            assertEquals("1", busy.getHeaderString("Retry-After"));
            assertEquals(Problem.TYPE_BASE + "busy", ((Problem) busy.getEntity()).type());
        }
        assertEquals(503, refused.getStatus());
        assertEquals("5", refused.getHeaderString("Retry-After"));
    }
}

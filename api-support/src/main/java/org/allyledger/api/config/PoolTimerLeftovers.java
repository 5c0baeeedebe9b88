package org.allyledger.api.config;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Works around vertx-sql-client issue 1706 (open in 4.5): a query on the pool whose wait for a connection fails early
 * (refused at capacity, or the database unreachable) is answered at once, but the timer of its wait is left running;
 * when it fires, once {@code allyledger.db.max-wait} has passed, it fails the answered query again, and Vert.x reports
 * that as an uncaught {@code IllegalStateException}: one ERROR with a stack trace for every {@code 503} already
 * answered. Those alone are logged at debug here; every other uncaught failure goes on to the handler that was there
 * before.
 */
@ApplicationScoped
public class PoolTimerLeftovers {
    private static final Logger LOG = Logger.getLogger(PoolTimerLeftovers.class);
    private static final String POOL = "io.vertx.sqlclient.impl.pool.SqlConnectionPool";

    void install(@Observes StartupEvent event, Vertx vertx) {
        Handler<Throwable> before = vertx.exceptionHandler();
        vertx.exceptionHandler(failure -> {
            if (isLeftoverTimer(failure)) {
                LOG.debugf("the connection-wait timer of a query already answered fired: %s", failure);
            } else if (before != null) {
                before.handle(failure);
            } else {
                LOG.error("Uncaught exception received by Vert.x", failure);
            }
        });
    }

    /** The timer of a pool query's wait failing the query it already answered, and nothing else. */
    static boolean isLeftoverTimer(Throwable failure) {
        if (!(failure instanceof IllegalStateException) || !"Result is already complete".equals(failure.getMessage())) {
            return false;
        }
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (POOL.equals(frame.getClassName()) && frame.getMethodName().startsWith("lambda$execute")) {
                return true;
            }
        }
        return false;
    }
}

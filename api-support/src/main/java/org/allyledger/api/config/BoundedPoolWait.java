package org.allyledger.api.config;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service's reactive PostgreSQL pool as Quarkus configures it, with a bound on the requests waiting for one of its
 * connections and on how long each waits. Beyond the bound a request is refused at once, after the wait it is
 * refused then: answered {@code 503} with {@code Retry-After} (problem type {@code busy}), and a consumer's batch is
 * retried. Without them, a load the service cannot keep up with queues without end until the heap is spent and every
 * request stalls.
 */
@Singleton
public class BoundedPoolWait implements PgPoolCreator {
    private final int maxWaiting;
    private final long maxWaitMillis;

    public BoundedPoolWait(DatabaseConfig database) {
        this.maxWaiting = database.maxWaiting();
        this.maxWaitMillis = database.maxWait().toMillis();
    }

    @Override
    public Pool create(Input input) {
        return PgBuilder.pool()
                .with(input.poolOptions().setMaxWaitQueueSize(maxWaiting)
                        .setConnectionTimeout(Math.toIntExact(maxWaitMillis)).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
                .connectingTo(List.<SqlConnectOptions>copyOf(input.pgConnectOptionsList()))
                .using(input.vertx())
                .build();
    }
}

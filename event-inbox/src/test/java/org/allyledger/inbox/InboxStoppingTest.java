package org.allyledger.inbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.mutiny.sqlclient.Pool;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.allyledger.inbox.InboundEventTest.JSON;
import static org.allyledger.inbox.InboundEventTest.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * While the service stops, its pool closes under the channels: what they were applying is left unsettled (neither
 * acknowledged nor refused, so delivered again after the restart), never retried into a dead letter.
 */
class InboxStoppingTest {
    private static final String CONSUMER = "reporting.sponsorships";

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final AtomicInteger transactionsBegun = new AtomicInteger();
    private Inbox inbox;

    /** A pool that is closed when a transaction begins, and the service stopping at that moment. */
    private Pool closingPool() {
        io.vertx.sqlclient.Pool delegate = (io.vertx.sqlclient.Pool) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {io.vertx.sqlclient.Pool.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == args[0] : method.getName().equals("hashCode")
                                ? System.identityHashCode(proxy) : "a closing pool";
                    }
                    transactionsBegun.incrementAndGet();
                    inbox.stop(null);
                    Future<Object> closed = Future.failedFuture(new IllegalStateException("Pool closed"));
                    if (args != null && args.length > 0 && args[args.length - 1] instanceof Handler<?> handler) {
                        @SuppressWarnings("unchecked")
                        Handler<Object> callback = (Handler<Object>) handler;
                        callback.handle(closed);
                        return null;
                    }
                    return closed;
                });
        return new Pool(delegate);
    }

    private UniAssertSubscriber<?> deliver() {
        return inbox.processBatch(CONSUMER, List.of(record("{\"initiativeId\": \"i-1\", \"allyId\": \"a-1\", \"year\": 2032}")),
                        () -> Uni.createFrom().voidItem(), event -> Uni.createFrom().voidItem())
                .subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    @Test
    void aBatchWhoseTransactionFailsAsTheServiceStopsIsLeftUnsettled() {
        inbox = new Inbox(closingPool(), JSON, metrics, null);

        UniAssertSubscriber<?> batch = deliver();

        assertEquals(1.0, metrics.get("allyledger.inbox.left.unsettled").counter().count());
        assertEquals(1, transactionsBegun.get(), "tried once, not retried");
        batch.assertNotTerminated();
        assertNull(metrics.find("allyledger.inbox.dead.lettered").counter());
    }
}

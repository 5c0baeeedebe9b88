package org.allyledger.eventstore.relay;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the slot exists and the relay has published or stood by at least once. A later Kafka outage
 * leaves the service ready: writes are safe in PostgreSQL and are published when Kafka is back; the state
 * shows here and in the metrics.
 */
@Readiness
@ApplicationScoped
public class RelayReadiness implements HealthCheck {
    private final EventRelay relay;

    public RelayReadiness(EventRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("event-relay")
                .status(relay.ready())
                .withData("state", relay.state().name())
                .withData("slot", relay.slotName())
                .withData("retainedWalBytes", relay.retainedWalBytes())
                .build();
    }
}

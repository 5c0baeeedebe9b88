package org.allyledger.eventstore.relay;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the slot exists, whether the relay is still starting, publishing or standing by: writes are safe in
 * PostgreSQL from then on and are published as soon as the relay runs; a Kafka outage likewise leaves the service
 * ready. The relay's state shows here and in the metrics.
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

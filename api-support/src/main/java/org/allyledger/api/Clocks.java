package org.allyledger.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.ZoneId;

/** "Today" for the date rules (not in the future, period ended) is the organisation's, not the server's. */
@ApplicationScoped
public class Clocks {

    @Produces
    @ApplicationScoped
    Clock clock(@ConfigProperty(name = "allyledger.time-zone", defaultValue = "UTC") ZoneId zone) {
        return Clock.system(zone);
    }
}

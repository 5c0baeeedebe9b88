package org.allyledger.reporting.infra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.allyledger.contracts.NominatorSeal;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** reporting-service is an authorised consumer of anonymous nominators: it credits their department, never shows them. */
@ApplicationScoped
public class Seals {

    @Produces
    @Singleton
    NominatorSeal nominatorSeal(@ConfigProperty(name = NominatorSeal.KEY_PROPERTY) String key) {
        return new NominatorSeal(key);
    }
}

package org.allyledger.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.allyledger.contracts.NominatorSeal;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The seal for anonymous nominators, keyed by configuration: recognition-service seals with it, reporting-service (an
 * authorised consumer) opens it to credit the nominator's department, never to show them. A service that injects no
 * seal needs no key.
 */
@ApplicationScoped
public class NominatorSeals {

    @Produces
    @Singleton
    NominatorSeal nominatorSeal(@ConfigProperty(name = NominatorSeal.KEY_PROPERTY) String key) {
        return new NominatorSeal(key);
    }
}

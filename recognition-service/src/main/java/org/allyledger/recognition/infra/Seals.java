package org.allyledger.recognition.infra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.allyledger.contracts.NominatorSeal;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The seal for anonymous nominators, keyed by configuration. */
@ApplicationScoped
public class Seals {

    @Produces
    @Singleton
    NominatorSeal nominatorSeal(@ConfigProperty(name = NominatorSeal.KEY_PROPERTY) String key) {
        return new NominatorSeal(key);
    }
}

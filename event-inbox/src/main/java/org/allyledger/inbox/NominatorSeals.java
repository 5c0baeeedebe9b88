package org.allyledger.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.allyledger.contracts.NominatorSeal;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;

/**
 * The seal for anonymous nominators, keyed by configuration: recognition-service seals with it, reporting-service (an
 * authorised consumer) opens it to credit the nominator's department, never to show them. A service that injects no
 * seal needs no key. After a rotation, the keys replaced stay in {@value NominatorSeal#RETIRED_KEYS_PROPERTY} so that
 * the seals they made still open.
 */
@ApplicationScoped
public class NominatorSeals {

    @Produces
    @Singleton
    NominatorSeal nominatorSeal(@ConfigProperty(name = NominatorSeal.KEY_PROPERTY) String key,
                                @ConfigProperty(name = NominatorSeal.RETIRED_KEYS_PROPERTY) Optional<List<String>> retired) {
        return new NominatorSeal(key, retired.orElse(List.of()));
    }
}

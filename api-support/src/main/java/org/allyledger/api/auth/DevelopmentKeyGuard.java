package org.allyledger.api.auth;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.util.List;
import java.util.Optional;

/**
 * Refuses to start the production profile with the development key pair or issuer, or with no key at all.
 * Development and test keys are marked by {@value #DEV_MARKER} in their issuer and file names.
 */
@ApplicationScoped
public class DevelopmentKeyGuard {
    public static final String DEV_MARKER = "dev-only";

    void check(@Observes StartupEvent event, Config config) {
        List<String> profiles = ConfigUtils.getProfiles();
        String problem = refusal(profiles.contains("prod"),
                config.getOptionalValue("mp.jwt.verify.issuer", String.class),
                config.getOptionalValue("mp.jwt.verify.publickey.location", String.class),
                config.getOptionalValue("mp.jwt.verify.publickey", String.class));
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** @return why the configuration must not run, or null when it may */
    static String refusal(boolean production, Optional<String> issuer, Optional<String> keyLocation, Optional<String> inlineKey) {
        if (!production) {
            return null;
        }
        if (issuer.isEmpty() || (keyLocation.isEmpty() && inlineKey.isEmpty())) {
            return "Production needs mp.jwt.verify.issuer and mp.jwt.verify.publickey.location (a public key or JWKS URL).";
        }
        if (issuer.get().contains(DEV_MARKER) || keyLocation.orElse("").contains(DEV_MARKER)) {
            return "Production refuses the development issuer and key pair; configure the identity provider's.";
        }
        return null;
    }
}

package org.allyledger.api.auth;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class DevelopmentKeyGuardTest {
    private static final Optional<String> IDP = Optional.of("https://login.example.com/realms/allyledger");
    private static final Optional<String> JWKS = Optional.of("https://login.example.com/realms/allyledger/certs");

    @Test
    void productionWithTheIdentityProvidersKeyStarts() {
        assertNull(DevelopmentKeyGuard.refusal(true, IDP, JWKS, Optional.empty()));
    }

    @Test
    void productionWithTheDevelopmentIssuerIsRefused() {
        assertNotNull(DevelopmentKeyGuard.refusal(true, Optional.of("https://allyledger.invalid/dev-only"), JWKS, Optional.empty()));
    }

    @Test
    void productionWithTheDevelopmentKeyIsRefused() {
        assertNotNull(DevelopmentKeyGuard.refusal(true, IDP, Optional.of("file:/srv/.allyledger/dev-keys/dev-only-public.pem"), Optional.empty()));
    }

    @Test
    void productionWithoutAKeyIsRefused() {
        assertNotNull(DevelopmentKeyGuard.refusal(true, IDP, Optional.empty(), Optional.empty()));
    }

    @Test
    void otherProfilesMayUseDevelopmentKeys() {
        assertNull(DevelopmentKeyGuard.refusal(false, Optional.of("https://allyledger.invalid/dev-only"),
                Optional.of("file:dev-only-public.pem"), Optional.empty()));
    }
}

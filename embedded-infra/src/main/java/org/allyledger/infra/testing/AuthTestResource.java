package org.allyledger.infra.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Makes a Quarkus test trust {@link TestTokens}. */
public class AuthTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return TestTokens.serviceConfig();
    }

    @Override
    public void stop() {
        // the key files live in the build directory and go with it
    }
}

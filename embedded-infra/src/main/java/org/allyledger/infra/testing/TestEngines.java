package org.allyledger.infra.testing;

import java.util.Locale;

/**
 * Which PostgreSQL and Kafka the tests run on. The embedded engines (the default) need no container engine; where a
 * Docker engine answers, {@code -Dallyledger.test.engines=containers} (or {@code ALLYLEDGER_TEST_ENGINES=containers})
 * runs them in containers instead, from the images of the compose file.
 */
public enum TestEngines {
    EMBEDDED, CONTAINERS;

    public static final String SWITCH = "allyledger.test.engines";
    public static final String ENVIRONMENT_SWITCH = "ALLYLEDGER_TEST_ENGINES";

    /** The engines the switch selects: the system property, else the environment variable, else embedded. */
    public static TestEngines selected() {
        String value = System.getProperty(SWITCH, System.getenv(ENVIRONMENT_SWITCH));
        return value == null || value.isBlank() ? EMBEDDED : of(value);
    }

    public static TestEngines of(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "embedded" -> EMBEDDED;
            case "containers" -> CONTAINERS;
            default -> throw new IllegalArgumentException(SWITCH + " is embedded (the default) or containers, not " + value);
        };
    }
}

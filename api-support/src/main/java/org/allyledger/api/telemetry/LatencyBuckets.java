package org.allyledger.api.telemetry;

import java.time.Duration;

/** The histogram buckets of every latency the services publish: few enough to keep series cheap, fine where alerts look. */
public final class LatencyBuckets {
    private LatencyBuckets() {
    }

    public static Duration[] standard() {
        return new Duration[]{Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
                Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};
    }
}

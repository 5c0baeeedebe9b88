package org.allyledger.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;

/**
 * The recognition programme's rules and where recognition-service answers ({@code allyledger.recognition.*}); its
 * nominator keys are read where they seal and unseal ({@code NominatorSeal}).
 */
@ConfigMapping(prefix = "allyledger.recognition")
public interface RecognitionConfig {
    /** A month takes nominations from its first day until awarded, and for at most this many months after it. */
    @WithDefault("1")
    int nominationPastMonths();

    /** A winner cannot win again within this many months of a standing award (recognition-service and reporting). */
    @WithDefault("12")
    int awardWindowMonths();

    /** recognition-service, which commitment-service asks for its part of a person's data export. */
    @WithDefault("http://localhost:8082")
    URI url();
}

package org.allyledger.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The recognition programme's settings ({@code allyledger.recognition.*}): its rules, where recognition-service
 * answers, and the keys that seal anonymous nominators (used by {@code NominatorSeals}, in the services that seal or
 * unseal; listed here so that every setting under the prefix is a known one).
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

    /** 32 bytes, base64; required where nominators are sealed or unsealed. */
    Optional<String> nominatorKey();

    /** Keys sealed with before the current one, still read. */
    Optional<List<String>> retiredNominatorKeys();
}

package org.allyledger.contracts.published;

import org.allyledger.contracts.Topics;

import static org.allyledger.contracts.published.PublishedEvent.required;

/** {@value Topics#SPONSORSHIPS}: inclusion initiatives and the allies' pledges to sponsor them, keyed by initiative id. */
public sealed interface SponsorshipsV1 extends PublishedEvent {
    String PREFIX = "org.allyledger.sponsorships.";

    String initiativeId();

    @Override
    default String streamId() {
        return initiativeId();
    }

    record InitiativeLaunched(String initiativeId, String name, String erg, int year, String description, Integer sponsorCapacity)
            implements SponsorshipsV1 {
        public static final String TYPE = PREFIX + "InitiativeLaunched.v1";

        public InitiativeLaunched {
            required(initiativeId, "initiativeId");
            required(name, "name");
            required(erg, "erg");
        }
    }

    record InitiativeClosed(String initiativeId, int year) implements SponsorshipsV1 {
        public static final String TYPE = PREFIX + "InitiativeClosed.v1";

        public InitiativeClosed {
            required(initiativeId, "initiativeId");
        }
    }

    record SponsorshipPledged(String initiativeId, String allyId, int year) implements SponsorshipsV1 {
        public static final String TYPE = PREFIX + "SponsorshipPledged.v1";

        public SponsorshipPledged {
            required(initiativeId, "initiativeId");
            required(allyId, "allyId");
        }
    }

    record SponsorshipFulfilled(String initiativeId, String allyId, int year, String outcome) implements SponsorshipsV1 {
        public static final String TYPE = PREFIX + "SponsorshipFulfilled.v1";

        public SponsorshipFulfilled {
            required(initiativeId, "initiativeId");
            required(allyId, "allyId");
        }
    }

    record SponsorshipWithdrawn(String initiativeId, String allyId, int year, String reason) implements SponsorshipsV1 {
        public static final String TYPE = PREFIX + "SponsorshipWithdrawn.v1";

        public SponsorshipWithdrawn {
            required(initiativeId, "initiativeId");
            required(allyId, "allyId");
        }
    }
}

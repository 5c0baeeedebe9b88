package org.allyledger.contracts.published;

import org.allyledger.contracts.Topics;

import java.time.LocalDate;

import static org.allyledger.contracts.published.PublishedEvent.required;

/** {@value Topics#COMMITMENTS}: commitments and the actions logged against them, keyed by commitment id. */
public sealed interface CommitmentsV1 extends PublishedEvent {
    String PREFIX = "org.allyledger.commitments.";

    String commitmentId();

    String allyId();

    @Override
    default String streamId() {
        return commitmentId();
    }

    record CommitmentMade(String commitmentId, String allyId, String category, String statement, LocalDate startsOn, LocalDate endsOn,
                          int targetActions, String visibility, String renewedFrom) implements CommitmentsV1 {
        public static final String TYPE = PREFIX + "CommitmentMade.v1";

        public CommitmentMade {
            required(commitmentId, "commitmentId");
            required(allyId, "allyId");
            required(category, "category");
            required(startsOn, "startsOn");
            required(endsOn, "endsOn");
        }
    }

    record ActionLogged(String commitmentId, String allyId, String actionId, String kind, LocalDate occurredOn, String note,
                        String evidenceUrl, String source, String externalRef) implements CommitmentsV1 {
        public static final String TYPE = PREFIX + "ActionLogged.v1";

        public ActionLogged {
            required(commitmentId, "commitmentId");
            required(allyId, "allyId");
            required(actionId, "actionId");
            required(occurredOn, "occurredOn");
        }
    }

    record CommitmentAmended(String commitmentId, String allyId, String statement, int targetActions, LocalDate endsOn, String reason)
            implements CommitmentsV1 {
        public static final String TYPE = PREFIX + "CommitmentAmended.v1";

        public CommitmentAmended {
            required(commitmentId, "commitmentId");
            required(allyId, "allyId");
            required(endsOn, "endsOn");
        }
    }

    record CommitmentFulfilled(String commitmentId, String allyId, int actionsLogged, int targetActions) implements CommitmentsV1 {
        public static final String TYPE = PREFIX + "CommitmentFulfilled.v1";

        public CommitmentFulfilled {
            required(commitmentId, "commitmentId");
            required(allyId, "allyId");
        }
    }

    record CommitmentWithdrawn(String commitmentId, String allyId, String reason) implements CommitmentsV1 {
        public static final String TYPE = PREFIX + "CommitmentWithdrawn.v1";

        public CommitmentWithdrawn {
            required(commitmentId, "commitmentId");
            required(allyId, "allyId");
        }
    }

    record CommitmentLapsed(String commitmentId, String allyId, int actionsLogged, int targetActions, LocalDate endedOn)
            implements CommitmentsV1 {
        public static final String TYPE = PREFIX + "CommitmentLapsed.v1";

        public CommitmentLapsed {
            required(commitmentId, "commitmentId");
            required(allyId, "allyId");
        }
    }

    record CommitmentRenewed(String commitmentId, String allyId, String renewedAs) implements CommitmentsV1 {
        public static final String TYPE = PREFIX + "CommitmentRenewed.v1";

        public CommitmentRenewed {
            required(commitmentId, "commitmentId");
            required(allyId, "allyId");
            required(renewedAs, "renewedAs");
        }
    }
}

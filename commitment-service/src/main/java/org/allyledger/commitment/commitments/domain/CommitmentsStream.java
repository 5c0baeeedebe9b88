package org.allyledger.commitment.commitments.domain;

import org.allyledger.contracts.published.CommitmentsV1;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.allyledger.eventstore.StreamType;

/** The commitment streams: one per commitment id, published on the commitments topic. */
@Singleton
public class CommitmentsStream extends StreamType<Commitment, CommitmentEvent> {
    public static final String NAME = "commitments";

    public CommitmentsStream(ObjectMapper json) {
        super(NAME, CommitmentEvent.class, Commitment.NONE, json);
    }

    @Override
    public Commitment apply(Commitment state, CommitmentEvent event) {
        return state.apply(event);
    }

    /**
     * Free text written by the ally (statements, notes, evidence, reasons) is never published (null): it is stored sealed
     * under the ally's data key, and the REST API serves it with the commitment's visibility rules, where erasure reaches.
     */
    @Override
    public CommitmentsV1 publish(CommitmentEvent event) {
        return switch (event) {
            case CommitmentEvent.CommitmentMade e -> new CommitmentsV1.CommitmentMade(e.commitmentId(), e.allyId(), e.category().name(),
                    null, e.startsOn(), e.endsOn(), e.targetActions(),
                    e.visibility().name(), e.renewedFrom());
            case CommitmentEvent.ActionLogged e -> new CommitmentsV1.ActionLogged(e.commitmentId(), e.allyId(), e.actionId(), e.kind().name(),
                    e.occurredOn(), null, null, e.source().name(), e.externalRef());
            case CommitmentEvent.CommitmentAmended e -> new CommitmentsV1.CommitmentAmended(e.commitmentId(), e.allyId(), null,
                    e.targetActions(), e.endsOn(), null);
            case CommitmentEvent.CommitmentFulfilled e -> new CommitmentsV1.CommitmentFulfilled(e.commitmentId(), e.allyId(), e.actionsLogged(),
                    e.targetActions());
            case CommitmentEvent.CommitmentWithdrawn e -> new CommitmentsV1.CommitmentWithdrawn(e.commitmentId(), e.allyId(), null);
            case CommitmentEvent.CommitmentLapsed e -> new CommitmentsV1.CommitmentLapsed(e.commitmentId(), e.allyId(), e.actionsLogged(),
                    e.targetActions(), e.endedOn());
            case CommitmentEvent.CommitmentRenewed e -> new CommitmentsV1.CommitmentRenewed(e.commitmentId(), e.allyId(), e.renewedAs());
        };
    }
}

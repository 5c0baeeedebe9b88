package org.allyledger.commitment.commitments.domain;

/** The behaviours ally programs expect; a commitment is to one of them. */
public enum Category {
    INCLUSIVE_LANGUAGE,
    CONTINUOUS_LEARNING,
    HOLDING_PEERS_ACCOUNTABLE,
    AMPLIFYING_VOICES,
    POLICY_ADVOCACY,
    INCLUSIVE_DECISIONS,
    MENTORING_AND_SPONSORING,
    ERG_PARTNERSHIP,
    ACTIVE_BYSTANDER,
    CELEBRATING_IDENTITIES
}

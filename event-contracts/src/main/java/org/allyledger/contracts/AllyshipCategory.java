package org.allyledger.contracts;

/**
 * The behaviours ally programs expect, as named in the published events: a commitment is to one of them, a
 * nomination recognises one to three.
 */
public enum AllyshipCategory {
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

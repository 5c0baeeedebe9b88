package org.allyledger.recognition.nominations.domain;

/** The behaviours a nomination recognises: the expectations ally programs name. */
public enum RecognitionCategory {
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

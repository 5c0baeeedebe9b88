package org.allyledger.commitment.commitments.domain;

public enum ActionKind {
    TRAINING_COMPLETED, MENTORING_SESSION, ERG_EVENT_ATTENDED, BIAS_ADDRESSED, VOICE_AMPLIFIED, POLICY_REVIEWED, READING, OTHER
}

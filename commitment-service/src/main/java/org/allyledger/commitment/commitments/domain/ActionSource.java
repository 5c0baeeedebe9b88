package org.allyledger.commitment.commitments.domain;

/** Who recorded an action: the ally, or an HR system (an LMS reporting a completed training, say). */
public enum ActionSource {
    SELF, HR_SYSTEM
}

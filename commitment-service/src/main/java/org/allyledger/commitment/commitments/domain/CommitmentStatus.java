package org.allyledger.commitment.commitments.domain;

public enum CommitmentStatus {
    ACTIVE, FULFILLED, WITHDRAWN, LAPSED;

    public boolean terminal() {
        return this != ACTIVE;
    }
}

package org.allyledger.commitment.sponsorship.domain;

public enum PledgeStatus {
    PLEDGED, FULFILLED, WITHDRAWN;

    /** A pledge that holds a sponsor place and counts towards the yearly expectation. */
    public boolean holdsPlace() {
        return this != WITHDRAWN;
    }
}

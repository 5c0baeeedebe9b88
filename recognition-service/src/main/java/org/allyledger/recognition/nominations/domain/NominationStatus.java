package org.allyledger.recognition.nominations.domain;

public enum NominationStatus {
    /** Counts in its month's standings. */
    SUBMITTED,
    WITHDRAWN,
    REJECTED
}

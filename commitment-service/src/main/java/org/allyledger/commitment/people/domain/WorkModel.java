package org.allyledger.commitment.people.domain;

/** Where a person works; recognition equity is reported per work model. */
public enum WorkModel {
    ONSITE, HYBRID, REMOTE
}

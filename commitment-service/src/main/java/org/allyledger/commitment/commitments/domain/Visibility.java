package org.allyledger.commitment.commitments.domain;

/** Who may read a commitment besides its ally, HR systems and program admins. */
public enum Visibility {
    /** Nobody else. */
    PRIVATE,
    /** Every employee of the organisation. */
    ORGANISATION
}

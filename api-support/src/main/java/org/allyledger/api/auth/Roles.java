package org.allyledger.api.auth;

/** The roles a token's {@code groups} claim may carry; see the brief's "Actors and roles". */
public final class Roles {
    /** An employee acting for themselves: the token's subject is their employee id. */
    public static final String EMPLOYEE = "employee";
    /** A service account of an HR system (HRIS, LMS); names the employee it acts for. */
    public static final String HR_SYSTEM = "hr-system";
    /** Ally program and ERG staff: initiatives, moderation, awards. */
    public static final String PROGRAM_ADMIN = "program-admin";
    /** People analytics: reads reports and nothing else. */
    public static final String ANALYST = "analyst";

    private Roles() {
    }
}

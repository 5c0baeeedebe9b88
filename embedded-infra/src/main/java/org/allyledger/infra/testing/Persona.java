package org.allyledger.infra.testing;

/** Every kind of caller an authorisation matrix checks: each role, an employee as themselves or as another, and nobody. */
public enum Persona {
    ANONYMOUS(null),
    EMPLOYEE_SELF("employee"),
    EMPLOYEE_OTHER("employee"),
    HR_SYSTEM("hr-system"),
    PROGRAM_ADMIN("program-admin"),
    ANALYST("analyst");

    private final String role;

    Persona(String role) {
        this.role = role;
    }

    /** What this persona gets from an endpoint open to {@code allowed}: success, 401 without a token, else 403. */
    public int expectedStatus(java.util.List<Persona> allowed, int success) {
        if (this == ANONYMOUS) {
            return 401;
        }
        return allowed.contains(this) ? success : 403;
    }

    /**
     * @param ownerId the employee the request is about; EMPLOYEE_SELF is them, EMPLOYEE_OTHER someone else
     * @return the bearer token, or null for ANONYMOUS
     */
    public String token(String ownerId) {
        return switch (this) {
            case ANONYMOUS -> null;
            case EMPLOYEE_SELF -> TestTokens.token(ownerId, role);
            case EMPLOYEE_OTHER -> TestTokens.token(ownerId + "-colleague", role);
            default -> TestTokens.token(name().toLowerCase() + "-1", role);
        };
    }
}

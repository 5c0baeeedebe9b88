package org.allyledger.api.auth;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.allyledger.api.Problem;
import org.allyledger.api.ProblemException;
import org.allyledger.domain.Rejections;

/** Who is calling, and on whose behalf: the ownership rules that roles alone cannot express. */
@RequestScoped
public class Caller {
    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The authenticated principal (token subject): an employee id, or an HR system's client id. */
    public String actor() {
        return identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /**
     * The employee this request acts for. An employee acts only as themselves; an HR system acts for the
     * employee it names. Anyone else is refused.
     */
    public String actingFor(String employeeId) {
        if (hasRole(Roles.HR_SYSTEM)) {
            return employeeId;
        }
        if (hasRole(Roles.EMPLOYEE) && actor().equals(employeeId)) {
            return employeeId;
        }
        throw forbidden("You may act only for yourself.");
    }

    /**
     * The employee a request names, or, when it names none, the calling employee themselves: an employee
     * may leave the ally out, an HR system must name them.
     */
    public String namedOrSelf(String employeeId, String field) {
        if (employeeId != null) {
            return actingFor(employeeId);
        }
        if (hasRole(Roles.EMPLOYEE)) {
            return actor();
        }
        throw Rejections.unprocessable(field, "must name the employee an HR system acts for");
    }

    /** Allows the employee themselves, or any caller holding one of {@code privileged}. */
    public void requireSelfOr(String employeeId, String... privileged) {
        for (String role : privileged) {
            if (hasRole(role)) {
                return;
            }
        }
        if (hasRole(Roles.EMPLOYEE) && actor().equals(employeeId)) {
            return;
        }
        throw forbidden("You may see only your own record.");
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail));
    }
}

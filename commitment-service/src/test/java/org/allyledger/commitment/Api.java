package org.allyledger.commitment;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.allyledger.api.auth.Roles;
import org.allyledger.infra.testing.TestTokens;

import java.time.LocalDate;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Requests as each kind of caller, and the fixtures most tests need. */
public final class Api {

    public static RequestSpecification as(String subject, String role) {
        return given().auth().oauth2(TestTokens.token(subject, role)).contentType(ContentType.JSON);
    }

    public static RequestSpecification asHr() {
        return as("hris", Roles.HR_SYSTEM);
    }

    public static RequestSpecification asEmployee(String employeeId) {
        return as(employeeId, Roles.EMPLOYEE);
    }

    public static RequestSpecification asAdmin() {
        return as("admin-1", Roles.PROGRAM_ADMIN);
    }

    /** Registers a new active person and returns their employee id. */
    public static String newPerson(String department) {
        String id = "e-" + UUID.randomUUID().toString().substring(0, 8);
        asHr().body("""
                {"displayName": "Test Ally", "email": "ally@example.org", "department": "%s",
                 "location": "Lisbon", "workModel": "REMOTE"}""".formatted(department))
                .put("/people/{id}", id).then().statusCode(201);
        return id;
    }

    /** A commitment body for the current half-year around today. */
    public static String commitment(int target, String visibility) {
        LocalDate today = LocalDate.now();
        return """
                {"category": "CONTINUOUS_LEARNING", "statement": "Complete inclusive-leadership trainings",
                 "startsOn": "%s", "endsOn": "%s", "targetActions": %d, "visibility": "%s"}"""
                .formatted(today.minusDays(30), today.plusDays(30), target, visibility);
    }

    public static String action(String kind, LocalDate on, String externalRef) {
        return """
                {"kind": "%s", "occurredOn": "%s", "note": "done", "externalRef": %s}"""
                .formatted(kind, on, externalRef == null ? "null" : "\"" + externalRef + "\"");
    }

    private Api() {
    }
}

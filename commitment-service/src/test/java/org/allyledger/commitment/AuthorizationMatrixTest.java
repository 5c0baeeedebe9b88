package org.allyledger.commitment;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.Persona;
import org.allyledger.infra.testing.PostgresTestResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.allyledger.commitment.Api.action;
import static org.allyledger.commitment.Api.asAdmin;
import static org.allyledger.commitment.Api.asHr;
import static org.allyledger.commitment.Api.commitment;
import static org.allyledger.commitment.Api.newPerson;
import static org.allyledger.infra.testing.Persona.ANALYST;
import static org.allyledger.infra.testing.Persona.EMPLOYEE_OTHER;
import static org.allyledger.infra.testing.Persona.EMPLOYEE_SELF;
import static org.allyledger.infra.testing.Persona.HR_SYSTEM;
import static org.allyledger.infra.testing.Persona.PROGRAM_ADMIN;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every commitment-service endpoint × every role × the record's own ally or another employee: 401 without a
 * token, 403 where forbidden, success where allowed. Each case runs on fresh records.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "commitment"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class AuthorizationMatrixTest {

    /** The records a case acts on, all belonging to {@code owner}. */
    record Fixture(String owner, String commitment, String fulfilledCommitment, String initiative, String pledgedInitiative) {

        static Fixture create() {
            String owner = newPerson("Matrix");
            String commitment = asHr().body(withAlly(Api.commitment(5, "PRIVATE"), owner)).post("/commitments").then().statusCode(201).extract().path("id");
            String fulfilled = asHr().body(withAlly(Api.commitment(1, "PRIVATE"), owner)).post("/commitments").then().statusCode(201).extract().path("id");
            asHr().body(action("READING", LocalDate.now(), null)).post("/commitments/{id}/actions", fulfilled).then().statusCode(201);
            String initiative = launch();
            String pledged = launch();
            asHr().body("{\"allyId\": \"" + owner + "\"}").post("/initiatives/{id}/sponsorships", pledged).then().statusCode(201);
            return new Fixture(owner, commitment, fulfilled, initiative, pledged);
        }

        private static String launch() {
            return asAdmin().body("{\"name\": \"Matrix\", \"erg\": \"ERG\", \"year\": " + LocalDate.now().getYear() + "}")
                    .post("/initiatives").then().statusCode(201).extract().path("id");
        }

        private static String withAlly(String body, String ally) {
            return body.replace("{", "{\"allyId\": \"" + ally + "\", ");
        }
    }

    /** Who may do what: the allowed personas and the status they get; every other persona gets 403 (401 anonymous). */
    enum Endpoint {
        READ_PERSON((f, r) -> r.get("/people/{id}", f.owner()), 200, EMPLOYEE_SELF, HR_SYSTEM, PROGRAM_ADMIN),
        UPSERT_PERSON((f, r) -> r.body(person()).put("/people/{id}", f.owner()), 200, HR_SYSTEM),
        DEPART_PERSON((f, r) -> r.body("{}").post("/people/{id}/departure", f.owner()), 200, HR_SYSTEM),
        ERASE_PERSON((f, r) -> r.post("/people/{id}/erasure", f.owner()), 200, HR_SYSTEM),
        EXPORT_PERSONAL_DATA((f, r) -> r.get("/people/{id}/personal-data", f.owner()), 200, EMPLOYEE_SELF, HR_SYSTEM),
        LIST_ERASURES((f, r) -> r.get("/people/erasures"), 200, HR_SYSTEM, PROGRAM_ADMIN),
        IMPORT_PEOPLE((f, r) -> r.body("[]").post("/people/imports"), 200, HR_SYSTEM),
        MAKE_COMMITMENT((f, r) -> r.body(Fixture.withAlly(commitment(2, "PRIVATE"), f.owner())).post("/commitments"), 201, EMPLOYEE_SELF, HR_SYSTEM),
        READ_PRIVATE_COMMITMENT((f, r) -> r.get("/commitments/{id}", f.commitment()), 200, EMPLOYEE_SELF, HR_SYSTEM, PROGRAM_ADMIN),
        LOG_ACTION((f, r) -> r.body(action("READING", LocalDate.now(), null)).post("/commitments/{id}/actions", f.commitment()), 201, EMPLOYEE_SELF, HR_SYSTEM),
        AMEND((f, r) -> r.body("{\"targetActions\": 7}").post("/commitments/{id}/amendments", f.commitment()), 200, EMPLOYEE_SELF, HR_SYSTEM),
        WITHDRAW((f, r) -> r.body("{\"reason\": \"r\"}").post("/commitments/{id}/withdrawal", f.commitment()), 200, EMPLOYEE_SELF, HR_SYSTEM),
        RENEW((f, r) -> r.body("{\"startsOn\": \"%s\", \"endsOn\": \"%s\"}".formatted(LocalDate.now(), LocalDate.now().plusMonths(1)))
                .post("/commitments/{id}/renewal", f.fulfilledCommitment()), 201, EMPLOYEE_SELF, HR_SYSTEM),
        LIST_COMMITMENTS((f, r) -> r.get("/people/{id}/commitments", f.owner()), 200, EMPLOYEE_SELF, EMPLOYEE_OTHER, HR_SYSTEM, PROGRAM_ADMIN),
        LAPSE_SWEEP((f, r) -> r.post("/commitments/lapse-sweeps"), 200, PROGRAM_ADMIN),
        LAUNCH_INITIATIVE((f, r) -> r.body("{\"name\": \"n\", \"erg\": \"e\", \"year\": " + LocalDate.now().getYear() + "}").post("/initiatives"), 201, PROGRAM_ADMIN),
        LIST_INITIATIVES((f, r) -> r.get("/initiatives"), 200, EMPLOYEE_SELF, EMPLOYEE_OTHER, HR_SYSTEM, PROGRAM_ADMIN),
        READ_INITIATIVE((f, r) -> r.get("/initiatives/{id}", f.initiative()), 200, EMPLOYEE_SELF, EMPLOYEE_OTHER, HR_SYSTEM, PROGRAM_ADMIN),
        CLOSE_INITIATIVE((f, r) -> r.post("/initiatives/{id}/closure", f.initiative()), 200, PROGRAM_ADMIN),
        PLEDGE((f, r) -> r.body("{\"allyId\": \"" + f.owner() + "\"}").post("/initiatives/{id}/sponsorships", f.initiative()), 201, EMPLOYEE_SELF, HR_SYSTEM),
        FULFIL_PLEDGE((f, r) -> r.body("{\"outcome\": \"Ran the panels well.\"}")
                .post("/initiatives/{id}/sponsorships/{ally}/fulfilment", f.pledgedInitiative(), f.owner()), 200, EMPLOYEE_SELF, HR_SYSTEM),
        WITHDRAW_PLEDGE((f, r) -> r.body("{\"reason\": \"r\"}")
                .post("/initiatives/{id}/sponsorships/{ally}/withdrawal", f.pledgedInitiative(), f.owner()), 200, EMPLOYEE_SELF, HR_SYSTEM);

        final BiFunction<Fixture, RequestSpecification, Response> call;
        final int success;
        final List<Persona> allowed;

        Endpoint(BiFunction<Fixture, RequestSpecification, Response> call, int success, Persona... allowed) {
            this.call = call;
            this.success = success;
            this.allowed = List.of(allowed);
        }

        int expectedFor(Persona persona) {
            return persona.expectedStatus(allowed, success);
        }

        private static String person() {
            return """
                    {"displayName": "Matrix", "email": "m@example.org", "department": "Matrix", "location": "L", "workModel": "ONSITE"}""";
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            for (Persona persona : Persona.values()) {
                cases.add(Arguments.of(endpoint, persona, endpoint.expectedFor(persona)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("cases")
    void matrix(Endpoint endpoint, Persona persona, int expected) {
        Fixture fixture = Fixture.create();
        String token = persona.token(fixture.owner());
        RequestSpecification request = (token == null ? given() : given().auth().oauth2(token)).contentType(ContentType.JSON);
        Response response = endpoint.call.apply(fixture, request);
        response.then().statusCode(expected);
        if (expected >= 400) {
            response.then().contentType("application/problem+json").body("status", equalTo(expected));
        }
    }

    /** The matrix names every endpoint the service has; a new endpoint must be added to it. */
    @org.junit.jupiter.api.Test
    void theMatrixCoversEveryOperationInTheOpenApiDocument() {
        Map<String, Object> paths = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath().getMap("paths");
        long operations = paths.values().stream().mapToLong(p -> ((Map<?, ?>) p).keySet().stream()
                .filter(m -> List.of("get", "put", "post", "delete", "patch").contains(m)).count()).sum();
        org.junit.jupiter.api.Assertions.assertEquals(Endpoint.values().length, operations,
                "operations in the OpenAPI document (the JSON and CSV imports are one operation there): " + paths.keySet());
    }
}

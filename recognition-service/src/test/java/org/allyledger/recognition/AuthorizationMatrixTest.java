package org.allyledger.recognition;

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
import org.allyledger.infra.testing.TestTokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.allyledger.infra.testing.Persona.EMPLOYEE_OTHER;
import static org.allyledger.infra.testing.Persona.EMPLOYEE_SELF;
import static org.allyledger.infra.testing.Persona.HR_SYSTEM;
import static org.allyledger.infra.testing.Persona.PROGRAM_ADMIN;
import static org.allyledger.recognition.RecognitionApi.asAdmin;
import static org.allyledger.recognition.RecognitionApi.asEmployee;
import static org.allyledger.recognition.RecognitionApi.newPerson;
import static org.allyledger.recognition.RecognitionApi.nomination;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every recognition-service endpoint × every role × the record's own person or another employee. "Own" is the
 * nominator for nomination commands and the endorser for endorsements. Each case runs on fresh records.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "recognition"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class AuthorizationMatrixTest {
    /** A past month for each case, 13 apart: an award in one never closes another or falls in its winner window. */
    private static final AtomicInteger MONTHS_BACK = new AtomicInteger(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    /** Four active people, registered once through the people topic and taking turns in the fixtures. */
    private static List<String> people;
    private static final AtomicInteger NEXT = new AtomicInteger();

    private List<String> people() {
        if (people == null) {
            List<String> registered = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                registered.add(newPerson(kafka));
            }
            people = registered;
        }
        return people;
    }

    /** owner nominates nominee for month; endorser is a third active person. */
    record Fixture(String owner, String nominee, String endorser, YearMonth month, String nomination) {
    }

    private Fixture fixture() {
        int n = NEXT.getAndIncrement();
        String owner = people().get(n % 4);
        String nominee = people().get((n + 1) % 4);
        String endorser = people().get((n + 2) % 4);
        YearMonth month = YearMonth.now().minusMonths(MONTHS_BACK.getAndAdd(13));
        String nomination = asEmployee(owner).body(nomination(nominee, month, true)).post("/nominations").then().statusCode(201).extract().path("id");
        return new Fixture(owner, nominee, endorser, month, nomination);
    }

    enum Endpoint {
        NOMINATE((f, r) -> r.body(nomination(f.endorser(), f.month(), false).replace("{", "{\"nominatorId\": \"" + f.owner() + "\", "))
                .post("/nominations"), 201, EMPLOYEE_SELF, HR_SYSTEM),
        READ_NOMINATION((f, r) -> r.get("/nominations/{id}", f.nomination()), 200, EMPLOYEE_SELF, EMPLOYEE_OTHER, HR_SYSTEM, PROGRAM_ADMIN),
        LIST_NOMINATIONS((f, r) -> r.queryParam("month", f.month().toString()).get("/nominations"), 200, EMPLOYEE_SELF, EMPLOYEE_OTHER, HR_SYSTEM, PROGRAM_ADMIN),
        ENDORSE((f, r) -> r.body("{\"endorserId\": \"" + f.owner() + "\"}").post("/nominations/{id}/endorsements", otherNomination(f)), 200, EMPLOYEE_SELF, HR_SYSTEM),
        WITHDRAW((f, r) -> r.body("{\"nominatorId\": \"" + f.owner() + "\"}").post("/nominations/{id}/withdrawal", f.nomination()), 200, EMPLOYEE_SELF, HR_SYSTEM),
        REJECT((f, r) -> r.body("{\"reason\": \"r\"}").post("/nominations/{id}/rejection", f.nomination()), 200, PROGRAM_ADMIN),
        AWARD((f, r) -> r.body("{\"winnerId\": \"" + f.nominee() + "\"}").post("/awards/{m}", f.month().toString()), 201, PROGRAM_ADMIN),
        REVOKE((f, r) -> {
            asAdmin().body("{\"winnerId\": \"" + f.nominee() + "\"}").post("/awards/{m}", f.month().toString()).then().statusCode(201);
            return r.body("{\"reason\": \"r\"}").post("/awards/{m}/revocation", f.month().toString());
        }, 200, PROGRAM_ADMIN),
        READ_AWARD((f, r) -> r.get("/awards/{m}", f.month().toString()), 200, EMPLOYEE_SELF, EMPLOYEE_OTHER, HR_SYSTEM, PROGRAM_ADMIN),
        ELIGIBILITY((f, r) -> r.get("/people/{id}/eligibility", f.nominee()), 200, EMPLOYEE_SELF, EMPLOYEE_OTHER, HR_SYSTEM, PROGRAM_ADMIN),
        PERSONAL_DATA((f, r) -> r.get("/people/{id}/personal-data", f.owner()), 200, EMPLOYEE_SELF, HR_SYSTEM),
        LIST_DEAD_LETTERS((f, r) -> r.get("/ops/dead-letters"), 200, PROGRAM_ADMIN),
        READ_DEAD_LETTER((f, r) -> r.get("/ops/dead-letters/999999999"), 404, PROGRAM_ADMIN),
        REDRIVE_DEAD_LETTER((f, r) -> r.post("/ops/dead-letters/999999999/redrive"), 404, PROGRAM_ADMIN),
        REDRIVE_DEAD_LETTERS((f, r) -> r.queryParam("consumer", "recognition.people").post("/ops/dead-letters/redrive"), 200, PROGRAM_ADMIN);

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

        /** A nomination of the fixture's month that the owner is free to endorse: by the endorser, of the nominee. */
        private static String otherNomination(Fixture f) {
            return asEmployee(f.endorser()).body(nomination(f.nominee(), f.month(), false)).post("/nominations")
                    .then().statusCode(201).extract().path("id");
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
        Fixture fixture = fixture();
        String token = persona.token(fixture.owner());
        RequestSpecification request = (token == null ? given() : given().auth().oauth2(token)).contentType(ContentType.JSON);
        Response response = endpoint.call.apply(fixture, request);
        response.then().statusCode(expected);
        if (expected >= 400) {
            response.then().contentType("application/problem+json").body("status", equalTo(expected));
        }
    }

    @Test
    void theMatrixCoversEveryOperationInTheOpenApiDocument() {
        Map<String, Object> paths = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath().getMap("paths");
        long operations = paths.values().stream().mapToLong(p -> ((Map<?, ?>) p).keySet().stream()
                .filter(m -> List.of("get", "put", "post", "delete", "patch").contains(m)).count()).sum();
        org.junit.jupiter.api.Assertions.assertEquals(Endpoint.values().length, operations, "operations: " + paths.keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"expired", "wronglySigned", "fromAnotherIssuer"})
    void tokensThatCannotBeTrustedAreRefused(String kind) {
        String token = switch (kind) {
            case "expired" -> TestTokens.expired("admin-1", "program-admin");
            case "wronglySigned" -> TestTokens.wronglySigned("admin-1", "program-admin");
            default -> TestTokens.fromAnotherIssuer("admin-1", "program-admin");
        };
        given().auth().oauth2(token).get("/awards/{m}", YearMonth.now().toString())
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi"})
    void operationalEndpointsStayPublic(String path) {
        given().get(path).then().statusCode(200);
    }
}

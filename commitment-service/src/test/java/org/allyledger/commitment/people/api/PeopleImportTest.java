package org.allyledger.commitment.people.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.util.StringJoiner;
import java.util.UUID;

import static org.allyledger.commitment.Api.asEmployee;
import static org.allyledger.commitment.Api.asHr;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "commitment"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class PeopleImportTest {

    private static String people(String prefix, int count, String department) {
        StringJoiner rows = new StringJoiner(",", "[", "]");
        for (int i = 0; i < count; i++) {
            rows.add("""
                    {"employeeId": "%s-%d", "displayName": "Person %d", "email": "p%d@example.org", "department": "%s",
                     "location": "Porto", "workModel": "%s", "active": true}"""
                    .formatted(prefix, i, i, i, department, i % 3 == 0 ? "REMOTE" : "HYBRID"));
        }
        return rows.toString();
    }

    @Test
    void fiveThousandPeopleImportInOneRequestAndResendingChangesNothing() {
        String prefix = "bulk-" + UUID.randomUUID().toString().substring(0, 6);
        String file = people(prefix, 5000, "Operations");

        asHr().body(file).post("/people/imports").then().statusCode(200)
                .body("received", equalTo(5000)).body("registered", equalTo(5000)).body("rejected", hasSize(0));
        asHr().body(file).post("/people/imports").then().statusCode(200)
                .body("registered", equalTo(0)).body("updated", equalTo(0)).body("unchanged", equalTo(5000));
        asHr().get("/people/{id}", prefix + "-4999").then().statusCode(200).header("ETag", "\"1\"");
    }

    @Test
    void aRetriedImportWithItsKeyReplaysTheFirstReport() {
        String file = people("retry-" + UUID.randomUUID().toString().substring(0, 6), 3, "Legal");
        String key = UUID.randomUUID().toString();
        asHr().header("Idempotency-Key", key).body(file).post("/people/imports").then().statusCode(200).body("registered", equalTo(3));
        asHr().header("Idempotency-Key", key).body(file).post("/people/imports").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("registered", equalTo(3));
        asHr().body(file).post("/people/imports").then().statusCode(200).body("unchanged", equalTo(3));
    }

    @Test
    void aCsvImportAppliesValidRowsAndReportsEachInvalidOne() {
        String p = "csv-" + UUID.randomUUID().toString().substring(0, 6);
        String csv = """
                employeeId,displayName,email,department,location,workModel,managerId,active
                %s-1,Ada,ada@example.org,Engineering,London,HYBRID,,true
                %s-2,Bob,not-an-email,Engineering,London,HYBRID,,true
                %s-3,Cy,cy@example.org,Engineering,London,ON_THE_MOON,,true
                %s-1,Ada again,ada@example.org,Engineering,London,HYBRID,,true
                %s-4,Di,di@example.org,Engineering,London,REMOTE,%s-1,maybe
                """.formatted(p, p, p, p, p, p);

        asHr().contentType("text/csv").body(csv).post("/people/imports").then().statusCode(200)
                .body("received", equalTo(5)).body("registered", equalTo(1))
                .body("rejected", hasSize(4))
                .body("rejected[0].row", equalTo(2)).body("rejected[0].errors[0].field", equalTo("email"))
                .body("rejected[1].row", equalTo(3)).body("rejected[1].errors[0].field", equalTo("workModel"))
                .body("rejected[2].row", equalTo(4)).body("rejected[2].errors[0].field", equalTo("employeeId"))
                .body("rejected[3].row", equalTo(5)).body("rejected[3].errors[0].field", equalTo("active"));
        asHr().get("/people/{id}", p + "-1").then().statusCode(200).body("displayName", equalTo("Ada"));
        asHr().get("/people/{id}", p + "-2").then().statusCode(404);
    }

    @Test
    void aCsvWithoutHeaderIsA400Problem() {
        asHr().contentType("text/csv").body("x1,Ada,ada@example.org\n").post("/people/imports")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
    }

    @Test
    void onlyHrSystemsImport() {
        asEmployee("e1").body("[]").post("/people/imports").then().statusCode(403);
    }
}

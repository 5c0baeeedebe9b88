package org.allyledger.commitment.people.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import static org.allyledger.commitment.people.api.PeoplePublicationTest.asHr;
import static org.allyledger.commitment.people.api.PeoplePublicationTest.newEmployeeId;
import static org.allyledger.commitment.people.api.PeoplePublicationTest.person;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Bad input is a 4xx problem naming the field, and writes nothing. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "commitment"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class PeopleValidationTest {

    @Test
    void missingAndInvalidFieldsAreNamed() {
        String id = newEmployeeId();
        asHr().contentType(ContentType.JSON).body("{\"displayName\": \"\", \"email\": \"not-an-email\", \"workModel\": \"HYBRID\"}")
                .put("/people/{id}", id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("displayName"))
                .body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("department"))
                .body("errors.field", hasItem("location"));
        asHr().get("/people/{id}", id).then().statusCode(404);
    }

    @Test
    void anUnknownWorkModelNamesTheFieldAndTheAllowedValues() {
        asHr().contentType(ContentType.JSON).body(person("Engineering").replace("HYBRID", "ON_THE_MOON"))
                .put("/people/{id}", newEmployeeId())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("workModel"))
                .body("errors[0].message", containsString("ONSITE, HYBRID, REMOTE"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        asHr().contentType(ContentType.JSON).body("{\"displayName\": ")
                .put("/people/{id}", newEmployeeId())
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
    }

    @Test
    void oversizeTextIsRefused() {
        asHr().contentType(ContentType.JSON).body(person("D".repeat(101)))
                .put("/people/{id}", newEmployeeId())
                .then().statusCode(400).body("errors.field", hasItem("department"));
    }

    @Test
    void anInvalidEmployeeIdInThePathIsNamed() {
        asHr().contentType(ContentType.JSON).body(person("Engineering"))
                .put("/people/{id}", "has spaces!")
                .then().statusCode(400).body("errors[0].field", equalTo("employeeId"));
    }

    @Test
    void aMissingBodyIsRefused() {
        asHr().contentType(ContentType.JSON).put("/people/{id}", newEmployeeId())
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aWrongContentTypeIsA415Problem() {
        asHr().contentType(ContentType.TEXT).body("hello").put("/people/{id}", newEmployeeId())
                .then().statusCode(415).contentType("application/problem+json");
    }
}

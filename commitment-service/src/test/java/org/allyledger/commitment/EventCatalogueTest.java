package org.allyledger.commitment;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The event catalogue is served, without a token, beside the OpenAPI document. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "commitment"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class EventCatalogueTest {

    @Test
    void theAsyncApiDocumentAndTheSchemasItReferencesAreServed() {
        given().get("/asyncapi.yaml").then().statusCode(200).body(containsString("asyncapi: 3.0.0"))
                .body(containsString("$ref: 'schemas/org.allyledger.people.PersonRegistered.v1.json'"));
        given().get("/schemas/org.allyledger.people.PersonRegistered.v1.json").then().statusCode(200)
                .body(containsString("\"title\": \"PersonRegistered\""));
        given().get("/schemas/org.allyledger.people.Nothing.v1.json").then().statusCode(404).contentType("application/problem+json");
        given().get("/schemas/..%2Fasyncapi.yaml").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theCatalogueIsNotPartOfTheRestContract() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths.'/asyncapi.yaml'", equalTo(null));
    }
}

package org.allyledger.reporting;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.allyledger.infra.testing.ApiFuzzer;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.OpenApiContract;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed and extreme input to every operation in the OpenAPI document: never a 5xx, always a problem (reporting writes no events). */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class ApiFuzzTest {

    @Test
    void everyOperationAnswersBadInputWithAProblemAndWritesNothing() throws Exception {
        ApiFuzzer.Report report = new ApiFuzzer(URI.create(RestAssured.baseURI + ":" + RestAssured.port), TestTokens::token, null).run();

        assertEquals(java.util.List.of(), report.failures(), report.failures().size() + " of " + report.sent() + " requests");
        assertTrue(report.sent() > 300, "sent " + report.sent());
    }


    @Test
    void theOpenApiDocumentNamesEveryOperationAndDocumentsEveryAnswer() throws Exception {
        assertEquals(java.util.List.of(), OpenApiContract.gaps(URI.create(RestAssured.baseURI + ":" + RestAssured.port)));
    }
}

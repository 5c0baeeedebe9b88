package org.allyledger.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a service's OpenAPI document must say for clients to be generated from it: servers; per operation a unique
 * operationId, a success response with its body, and every error response as an RFC 9457 problem.
 */
public final class OpenApiContract {
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    /** The gaps in the document the service serves at {@code /q/openapi}; empty when it is complete. */
    public static List<String> gaps(URI service) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(service.resolve("/q/openapi?format=json")).GET().build(), HttpResponse.BodyHandlers.ofString());
        return gaps(new ObjectMapper().readTree(response.body()));
    }

    static List<String> gaps(JsonNode document) {
        List<String> gaps = new ArrayList<>();
        if (!document.path("servers").isArray() || document.path("servers").isEmpty()) {
            gaps.add("no servers");
        }
        if (!document.path("components").path("schemas").has("Problem")) {
            gaps.add("no Problem schema");
        }
        Set<String> operationIds = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String where = operation.getKey().toUpperCase() + " " + path.getKey();
                String operationId = operation.getValue().path("operationId").asText("");
                if (operationId.isEmpty() || !operationIds.add(operationId)) {
                    gaps.add(where + ": operationId missing or not unique (" + operationId + ")");
                }
                boolean succeeds = false;
                for (Iterator<Map.Entry<String, JsonNode>> responses = operation.getValue().path("responses").fields(); responses.hasNext(); ) {
                    Map.Entry<String, JsonNode> response = responses.next();
                    String code = response.getKey();
                    JsonNode content = response.getValue().path("content");
                    if (code.startsWith("2")) {
                        succeeds = true;
                        if (!code.equals("204") && content.isEmpty()) {
                            gaps.add(where + ": " + code + " has no documented body");
                        }
                    } else if (code.startsWith("4") || code.startsWith("5")) {
                        if (!PROBLEM_REF.equals(content.path("application/problem+json").path("schema").path("$ref").asText())) {
                            gaps.add(where + ": " + code + " is not documented as a problem");
                        }
                    }
                }
                if (!succeeds) {
                    gaps.add(where + ": no success response");
                }
            }
        }
        return gaps;
    }

    private OpenApiContract() {
    }
}

package org.allyledger.api.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.allyledger.api.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Map;

/**
 * Documents what every operation of every service can answer besides its own responses, as the API behaves
 * (api-support's input checks and {@code ProblemMappers}): each error response is an RFC 9457 problem
 * ({@code #/components/schemas/Problem}), and the errors any request can meet are listed on every operation.
 * Applied when the application is built, so the served document is ready without work at start-up.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {
    private static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() != null ? openAPI.getComponents() : OASFactory.createComponents();
        openAPI.setComponents(components);
        components.addSchema(PROBLEM, problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) ->
                document(path, method, operation)));
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses() != null ? operation.getResponses() : OASFactory.createAPIResponses();
        operation.setResponses(responses);
        addIfAbsent(responses, "400", "Malformed input: the problem's errors name each field, parameter or header at fault");
        addIfAbsent(responses, "406", "The Accept header asks for a representation this operation does not give");
        addIfAbsent(responses, "503", "A database or the broker is unavailable, or the service is at capacity: nothing was written; retry after Retry-After seconds");
        if (path.contains("{")) {
            addIfAbsent(responses, "404", "Nothing is found at this path");
        }
        if (operation.getRequestBody() != null) {
            addIfAbsent(responses, "413", "The body is larger than this service accepts");
            addIfAbsent(responses, "415", "The body's Content-Type is missing, unreadable or not accepted here");
        }
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            addIfAbsent(responses, "401", "No valid bearer token");
            addIfAbsent(responses, "403", "The token's role may not do this");
        }
        Map<String, APIResponse> all = responses.getAPIResponses();
        all.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
            }
        });
    }

    private static void addIfAbsent(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        }
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .required(List.of("field", "message"))
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The body field (dotted path), query or path parameter or header at fault"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("What is wrong with it"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem details body (application/problem+json)")
                .required(List.of("type", "title", "status"))
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")
                        .description("Identifies the kind of problem, e.g. https://allyledger.org/problems/invalid-request"))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).description("The HTTP status code"))
                .addProperty("detail", text)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError)
                        .description("Field-level errors, when the input was at fault"))
                .addProperty("existing", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The resource that stands in the way, e.g. the earlier nomination of a 409 duplicate-nomination"));
    }
}

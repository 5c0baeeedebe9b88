package org.allyledger.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Sends malformed and extreme input to every operation of a service's OpenAPI document: bad path and query
 * parameters, headers, media types and bodies, and each body field replaced by a value of the wrong type, with
 * control characters, out of range or absurdly long. Every answer must be below 500, every refusal an RFC 9457
 * problem with its status, and a refused request must write no event.
 */
public final class ApiFuzzer {
    /** Non-ASCII written as escapes: a lone surrogate reaches the service as {@code \ud800}, as a client would send it. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> ROLES = List.of("hr-system", "program-admin", "analyst", "employee");
    private static final List<String> BAD_PATH_VALUES = List.of("%00", "a%00b", "%C0%AF", "%ED%A0%80", "%FF", "%0A", "%7F",
            "x".repeat(8000), "..", "%20", "-1", "99999999999999999999", "%E2%80%AE", "null");
    private static final List<String> BAD_QUERY_VALUES = List.of("abc", "", "%00", "-1", "0", "1.5", "99999999999999999999", "true",
            "9999-99", "%2B999999999-12-31", "0000-01", "x".repeat(3000), "%C0%AF", "2026-02-30");

    private final URI base;
    /** HTTP/1.1, as HR systems call: the request line is what the URI limits apply to. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final LongSupplier eventsWritten;
    private final List<String> failures = new ArrayList<>();
    private int sent;
    private int accepted;

    /**
     * @param base           the service's root URI
     * @param token          mints a bearer token for (subject, role)
     * @param eventsWritten  the number of events the service has written (its last global position), or null where it writes none
     */
    public ApiFuzzer(URI base, java.util.function.BiFunction<String, String, String> token, LongSupplier eventsWritten) {
        this.base = base;
        ROLES.forEach(role -> tokens.put(role, token.apply("fuzz-" + role, role)));
        this.eventsWritten = eventsWritten;
    }

    /** What a run found: requests sent, accepted, and each broken rule with the request that broke it. */
    public record Report(int sent, int accepted, List<String> failures) {
    }

    public Report run() throws IOException, InterruptedException {
        JsonNode document = JSON.readTree(send("GET", "/q/openapi?format=json", null, null, Map.of()).body());
        JsonNode schemas = document.path("components").path("schemas");
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                if (List.of("get", "post", "put", "patch", "delete").contains(operation.getKey())) {
                    fuzz(operation.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), path.getValue(), operation.getValue(), schemas);
                }
            }
        }
        return new Report(sent, accepted, List.copyOf(failures));
    }

    private void fuzz(String method, String template, JsonNode pathItem, JsonNode operation, JsonNode schemas)
            throws IOException, InterruptedException {
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, String> queryValues = new LinkedHashMap<>();
        for (JsonNode parameter : parameters) {
            String in = parameter.path("in").asText();
            String value = nominal(parameter.path("name").asText(), resolve(parameter.path("schema"), schemas));
            if ("path".equals(in)) {
                pathValues.put(parameter.path("name").asText(), value);
            } else if ("query".equals(in)) {
                queryValues.put(parameter.path("name").asText(), value);
            }
        }
        JsonNode bodySchema = resolve(operation.path("requestBody").path("content").path("application/json").path("schema"), schemas);
        JsonNode nominalBody = bodySchema.isMissingNode() ? null : example(bodySchema, schemas, 0);
        String role = roleFor(method, template, pathValues, queryValues, nominalBody);
        Map<String, String> json = Map.of("Content-Type", "application/json");

        for (String name : pathValues.keySet()) {
            for (String bad : BAD_PATH_VALUES) {
                Map<String, String> values = new LinkedHashMap<>(pathValues);
                values.put(name, bad);
                check(method, uri(template, values, queryValues), role, nominalBody == null ? null : bytes(nominalBody), json);
            }
        }
        for (String name : queryValues.keySet()) {
            for (String bad : BAD_QUERY_VALUES) {
                Map<String, String> values = new LinkedHashMap<>(queryValues);
                values.put(name, bad);
                check(method, uri(template, pathValues, values), role, nominalBody == null ? null : bytes(nominalBody), json);
            }
        }
        String uri = uri(template, pathValues, queryValues);
        check(method, uri + (uri.contains("?") ? "&" : "?") + "%00=1", role, nominalBody == null ? null : bytes(nominalBody), json);
        for (Map<String, String> headers : List.of(Map.of("Content-Type", "garbage/;;;"), Map.of("Content-Type", "text/plain"),
                Map.of("Content-Type", "application/json", "Accept", "a/b;;;,,"), Map.of("Content-Type", "application/json", "Accept", "application/xml"),
                Map.of("Content-Type", "application/json", "If-Match", "\"abc\""), Map.of("Content-Type", "application/json", "If-Match", "-1"),
                Map.of("Content-Type", "application/json", "Idempotency-Key", "k".repeat(300)),
                Map.of("Content-Type", "application/json", "Idempotency-Key", " "))) {
            check(method, uri, role, nominalBody == null ? "{}".getBytes(StandardCharsets.UTF_8) : bytes(nominalBody), headers);
        }
        if (!List.of("POST", "PUT", "PATCH").contains(method)) {
            return;
        }
        check(method, uri, role, "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        for (byte[] raw : rawBodies()) {
            check(method, uri, role, raw, json);
        }
        if (nominalBody instanceof ObjectNode object) {
            ObjectNode unknown = object.deepCopy();
            unknown.put("zzUnknownField", 1);
            check(method, uri, role, bytes(unknown), json);
            for (Iterator<Map.Entry<String, JsonNode>> fields = bodySchema.path("properties").fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                for (JsonNode bad : badValues(resolve(field.getValue(), schemas))) {
                    ObjectNode body = object.deepCopy();
                    body.set(field.getKey(), bad);
                    check(method, uri, role, bytes(body), json);
                }
            }
        } else if (nominalBody instanceof ArrayNode array && array.size() > 0 && array.get(0) instanceof ObjectNode row) {
            for (Iterator<String> names = row.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                for (JsonNode bad : List.of(NODES.textNode("a\u0000b"), NODES.textNode("a\ud800b"), NODES.numberNode(1.5))) {
                    ArrayNode body = array.deepCopy();
                    ((ObjectNode) body.get(0)).set(name, bad);
                    check(method, uri, role, bytes(body), json);
                }
            }
        }
    }

    /** The first role that the operation does not forbid outright, so that the input is what gets judged. */
    private String roleFor(String method, String template, Map<String, String> path, Map<String, String> query, JsonNode body)
            throws IOException, InterruptedException {
        for (String role : ROLES) {
            HttpResponse<String> response = send(method, uri(template, path, query), tokens.get(role),
                    body == null ? null : bytes(body), Map.of("Content-Type", "application/json"));
            if (response.statusCode() != 403 && response.statusCode() != 401) {
                return role;
            }
        }
        return ROLES.get(0);
    }

    private void check(String method, String uri, String role, byte[] body, Map<String, String> headers) throws IOException, InterruptedException {
        long before = eventsWritten == null ? 0 : eventsWritten.getAsLong();
        HttpResponse<String> response = send(method, uri, tokens.get(role), body, headers);
        sent++;
        int status = response.statusCode();
        String what = method + " " + abbreviate(uri) + " " + headers + " body " + (body == null ? "none" : abbreviate(new String(body, StandardCharsets.UTF_8)))
                + " as " + role + " -> " + status + " " + abbreviate(response.body());
        if (status >= 500) {
            failures.add("5xx: " + what);
            return;
        }
        if (status < 400) {
            accepted++;
            return;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            failures.add("not a problem: " + what);
        } else {
            try {
                JsonNode problem = JSON.readTree(response.body());
                if (problem.path("status").asInt() != status || problem.path("type").asText().isEmpty() || problem.path("title").asText().isEmpty()) {
                    failures.add("problem without its status, type and title: " + what);
                }
            } catch (IOException e) {
                failures.add("unreadable problem: " + what);
            }
        }
        if (eventsWritten != null && eventsWritten.getAsLong() != before) {
            failures.add("a refused request wrote events: " + what);
        }
    }

    private HttpResponse<String> send(String method, String uri, String token, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + uri))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static List<byte[]> rawBodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (String text : List.of("", "null", "[]", "{", "{}{}", "{} trailing", "\"text\"", "123", "true", "{\"a\":}", "[".repeat(5000),
                "{\"a\": 1, \"a\": 2}", " ".repeat(1000) + "{}")) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}); // overlong '/'
        bodies.add(new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'});
        bodies.add(new byte[]{'{', '"', 'a', '"', ':', '"', 0, '"', '}'});
        bodies.add(new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}); // an encoded surrogate
        return bodies;
    }

    /** Values of the wrong type, with forbidden characters, out of range or too long, for a field of this schema. */
    private static List<JsonNode> badValues(JsonNode schema) {
        List<JsonNode> values = new ArrayList<>(List.of(NODES.objectNode(), NODES.arrayNode(), NODES.booleanNode(true)));
        String type = schema.path("type").asText();
        switch (type) {
            case "integer", "number" -> values.addAll(List.of(NODES.numberNode(1.5), NODES.textNode("1"), NODES.numberNode(new java.math.BigInteger("9".repeat(30))),
                    NODES.numberNode(-1), NODES.numberNode(2147483648L)));
            case "boolean" -> values.addAll(List.of(NODES.textNode("true"), NODES.numberNode(1)));
            case "array" -> values.addAll(List.of(NODES.textNode("x"), NODES.arrayNode().add(NODES.nullNode()), NODES.arrayNode().add(1),
                    NODES.arrayNode().add("a\u0000b")));
            default -> {
                values.addAll(List.of(NODES.numberNode(1), NODES.numberNode(1.5), NODES.textNode("a\u0000b"), NODES.textNode("a\ud800b"),
                        NODES.textNode("\udc00"), NODES.textNode("a\u001bb"), NODES.textNode("x".repeat(100_000)), NODES.textNode("")));
                if (schema.has("enum")) {
                    values.addAll(List.of(NODES.numberNode(0), NODES.textNode("NOT_A_VALUE"), NODES.textNode(schema.path("enum").get(0).asText().toLowerCase())));
                }
                String format = schema.path("format").asText();
                if ("date".equals(format)) {
                    values.addAll(List.of(NODES.textNode("2026-13-45"), NODES.textNode("+999999999-12-31"), NODES.textNode("2026-01-01T00:00:00Z"),
                            NODES.textNode("0000-01-01"), NODES.textNode("2026-02-30"), NODES.textNode("26-01-01")));
                }
            }
        }
        return values;
    }

    /** A plausible value of the schema: the first enum value, a date today, a text "fuzz". */
    private static JsonNode example(JsonNode schema, JsonNode schemas, int depth) {
        schema = resolve(schema, schemas);
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        return switch (schema.path("type").asText()) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth < 4) {
                    schema.path("properties").fields().forEachRemaining(field -> object.set(field.getKey(), example(field.getValue(), schemas, depth + 1)));
                }
                yield object;
            }
            case "array" -> depth < 4 ? NODES.arrayNode().add(example(schema.path("items"), schemas, depth + 1)) : NODES.arrayNode();
            case "integer", "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(false);
            default -> switch (schema.path("format").asText()) {
                case "date" -> NODES.textNode(LocalDate.now().toString());
                case "date-time" -> NODES.textNode(java.time.OffsetDateTime.now().toString());
                default -> NODES.textNode("fuzz");
            };
        };
    }

    private static String nominal(String name, JsonNode schema) {
        if (name.toLowerCase().contains("month")) {
            return YearMonth.now().toString();
        }
        if (name.toLowerCase().contains("year")) {
            return Integer.toString(LocalDate.now().getYear());
        }
        return switch (schema.path("type").asText()) {
            case "integer", "number" -> "1";
            default -> schema.has("enum") ? schema.path("enum").get(0).asText() : "fuzz-1";
        };
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        JsonNode resolved = schema;
        for (int hops = 0; hops < 10 && resolved.has("$ref"); hops++) {
            String ref = resolved.path("$ref").asText();
            resolved = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        if (resolved.has("allOf") && resolved.path("allOf").size() == 1) {
            return resolve(resolved.path("allOf").get(0), schemas);
        }
        return resolved;
    }

    private static String uri(String template, Map<String, String> path, Map<String, String> query) {
        String uri = template;
        for (Map.Entry<String, String> value : path.entrySet()) {
            uri = uri.replace("{" + value.getKey() + "}", value.getValue());
        }
        StringBuilder withQuery = new StringBuilder(uri);
        char separator = '?';
        for (Map.Entry<String, String> value : query.entrySet()) {
            withQuery.append(separator).append(value.getKey()).append('=').append(value.getValue());
            separator = '&';
        }
        return withQuery.toString();
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…" : oneLine;
    }
}

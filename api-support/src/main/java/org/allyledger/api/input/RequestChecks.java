package org.allyledger.api.input;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.allyledger.api.Problem;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Refuses, before any resource is matched, what no resource could read: a path or query that is not well-formed
 * UTF-8 or holds control characters, a URI longer than {@value #MAX_URI}, an unreadable {@code Content-Type} or
 * {@code Accept}, and a body sent without a {@code Content-Type}. Each answer is a problem naming the part at fault.
 */
@Provider
@PreMatching
public class RequestChecks implements ContainerRequestFilter {
    /** Longer URIs are refused with a problem; the HTTP layer accepts request lines up to 64 KiB so this check sees them. */
    public static final int MAX_URI = 4096;

    @Override
    public void filter(ContainerRequestContext request) {
        String rawPath = request.getUriInfo().getRequestUri().getRawPath();
        String rawQuery = request.getUriInfo().getRequestUri().getRawQuery();
        int length = rawPath.length() + (rawQuery == null ? 0 : rawQuery.length() + 1);
        if (length > MAX_URI) {
            refuse(request, Problem.of(414, "uri-too-long", "URI too long", "The request URI must be at most " + MAX_URI + " characters."));
            return;
        }
        String pathProblem = decodedProblem(rawPath);
        if (pathProblem != null) {
            refuse(request, invalid("path", pathProblem));
            return;
        }
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String problem = decodedProblem(pair.replace('+', ' '));
                if (problem != null) {
                    String field = decodedProblem(name) == null ? decode(name) : "query";
                    refuse(request, invalid(field, problem));
                    return;
                }
            }
        }
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !parses(contentType)) {
            refuse(request, Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "The Content-Type header is not a media type; send application/json."));
            return;
        }
        if (contentType == null && hasBody(request)) {
            refuse(request, Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "A request body needs a Content-Type header; send application/json."));
            return;
        }
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null && !accept.isBlank()) {
            for (String range : accept.split(",")) {
                if (!range.isBlank() && !parses(range.strip())) {
                    refuse(request, invalid("Accept", "must be a list of media ranges"));
                    return;
                }
            }
        }
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return request.getHeaderString("Transfer-Encoding") != null || (length != null && !length.strip().equals("0"));
    }

    private static boolean parses(String mediaType) {
        try {
            MediaType parsed = MediaType.valueOf(mediaType);
            return parsed.getType() != null && !parsed.getType().isBlank() && parsed.getSubtype() != null && !parsed.getSubtype().isBlank();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Why the percent-encoded text is refused, or null: escapes must decode to well-formed UTF-8 without control characters. */
    private static String decodedProblem(String raw) {
        String decoded;
        try {
            decoded = decode(raw);
        } catch (IllegalArgumentException e) {
            return "must be percent-encoded UTF-8";
        }
        return TextRules.problem(decoded);
    }

    private static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("truncated escape");
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("bad escape");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8");
        }
    }

    private static Problem invalid(String field, String message) {
        return Problem.invalid("The request is invalid: " + field + " " + message + ".", List.of(new Problem.FieldError(field, message)));
    }

    private static void refuse(ContainerRequestContext request, Problem problem) {
        request.abortWith(Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build());
    }
}

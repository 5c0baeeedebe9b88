package org.allyledger.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.allyledger.api.input.InvalidValueException;
import org.allyledger.domain.Rejection;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns every rejection into an RFC 9457 problem; nothing reaches a client as a stack trace. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String RETRY_AFTER_SECONDS = "5";
    /** A service at capacity is soon able to take a request again. */
    private static final String BUSY_RETRY_AFTER_SECONDS = "1";

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    /** The one place where a domain rejection becomes an HTTP problem. */
    @ServerExceptionMapper
    public Response rejected(Rejection rejection) {
        return respond(problemOf(rejection));
    }

    /** The problem a rejection answers; public for tests of domain rules, which assert what a client will see. */
    public static Problem problemOf(Rejection rejection) {
        return switch (rejection) {
            case Rejection.RuleViolated violated -> new Problem(Problem.TYPE_BASE + "rule-violated", "A rule is not met", 422,
                    violated.getMessage(), List.of(new Problem.FieldError(violated.field(), violated.rule())));
            case Rejection.StateConflict conflict -> {
                Problem problem = Problem.of(409, conflict.kind(), "Conflict with the current state", conflict.getMessage());
                yield conflict.existing() == null ? problem : problem.pointingAt(conflict.existing());
            }
            case Rejection.NotFound notFound -> Problem.of(404, "not-found", "Not found", notFound.getMessage());
            case Rejection.NotPermitted notPermitted -> Problem.of(403, "forbidden", "Forbidden", notPermitted.getMessage());
        };
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return Response.fromResponse(respond(Problem.of(401, "unauthenticated", "Unauthenticated",
                "A valid bearer token is required."))).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response badToken(AuthenticationFailedException e) {
        return unauthenticated(new UnauthorizedException());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(403, "forbidden", "Forbidden", "Your role does not allow this request."));
    }

    @ServerExceptionMapper
    public Response invalidBean(ResteasyReactiveViolationException e) {
        return constraintViolations(e);
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(Problem.invalid("One or more fields are invalid.", errors));
    }

    /** Quarkus maps these two itself; naming them here makes ours the closer match. */
    @ServerExceptionMapper
    public Response invalidValue(InvalidFormatException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m ? pathOf(m) : "";
        String message;
        if (e instanceof InvalidValueException invalid) {
            message = invalid.rule();
        } else if (e instanceof UnrecognizedPropertyException) {
            message = "is not a known field";
        } else if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            field = "";
            message = "must be one JSON document with nothing after it";
        } else if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            message = "must be one of " + Arrays.stream(f.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            message = "must be a " + m.getTargetType().getSimpleName();
        } else {
            message = "is not well-formed JSON";
        }
        String name = field.isEmpty() ? "body" : field;
        return respond(Problem.invalid("The request body cannot be read: " + name + " " + message + ".",
                List.of(new Problem.FieldError(name, message))));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, ResourceInfo resource, UriInfo uri) {
        if (e instanceof NotFoundException && e.getCause() != null) {
            // JAX-RS answers 404 for a path or query parameter that does not convert to its type: it is the request's fault
            String field = unconvertedParameter(resource, uri);
            return respond(Problem.invalid("The request is invalid: " + field + " is not of its type.",
                    List.of(new Problem.FieldError(field, "is not of its type"))));
        }
        int status = e.getResponse().getStatus();
        String title = Optional.ofNullable(Response.Status.fromStatusCode(status))
                .map(Response.Status::getReasonPhrase).orElse("HTTP " + status);
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        return respond(Problem.of(status, "http-" + status, title, title + "."));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (Failures.atCapacity(e)) {
            return retryLater(Problem.of(503, "busy", "Service busy",
                    "The service is at capacity; nothing was changed. Retry after Retry-After seconds."), BUSY_RETRY_AFTER_SECONDS);
        }
        if (Failures.isTransient(e)) {
            LOG.warnf("A request failed on an unavailable dependency: %s", e.getMessage());
            return retryLater(Problem.of(503, "unavailable", "Service unavailable",
                    "A database or broker this service needs is unavailable; nothing was changed. Retry later."), RETRY_AFTER_SECONDS);
        }
        String state = Failures.sqlStateIn(e);
        if (state != null && state.startsWith("22")) {
            // input the checks above let through and the database refuses: the client's value, not our fault
            LOG.warnf("The database refused a value of a request: %s", e.getMessage());
            return respond(Problem.invalid("The request holds a value that cannot be stored.",
                    List.of(new Problem.FieldError("body", "holds a value that cannot be stored"))));
        }
        LOG.error("Unexpected failure while serving a request", e);
        return respond(Problem.of(500, "internal-error", "Internal error",
                "The request could not be completed; it has been logged. Retry later."));
    }

    /** A problem that passes by itself, with when to try again. */
    private static Response retryLater(Problem problem, String seconds) {
        return Response.fromResponse(respond(problem)).header(HttpHeaders.RETRY_AFTER, seconds).build();
    }

    /** The path or query parameter whose value does not parse as the number the method takes; "parameter" if none is found. */
    private static String unconvertedParameter(ResourceInfo resource, UriInfo uri) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return "parameter";
        }
        for (Parameter parameter : method.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            PathParam path = parameter.getAnnotation(PathParam.class);
            String name = query != null ? query.value() : path != null ? path.value() : null;
            List<String> values = name == null ? List.of()
                    : query != null ? uri.getQueryParameters().getOrDefault(name, List.of()) : uri.getPathParameters().getOrDefault(name, List.of());
            for (String value : values) {
                if (!converts(parameter.getType(), value)) {
                    return name;
                }
            }
        }
        return "parameter";
    }

    private static boolean converts(Class<?> type, String value) {
        try {
            if (type == int.class || type == Integer.class) {
                Integer.parseInt(value);
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(value);
            } else if (type.isEnum()) {
                return Arrays.stream(type.getEnumConstants()).anyMatch(constant -> constant.toString().equals(value));
            } else if (type == java.util.UUID.class) {
                java.util.UUID.fromString(value);
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** "upsert.body.email" → "email", "get.employeeId" → "employeeId": method names mean nothing to a client. */
    private static String fieldOf(ConstraintViolation<?> v) {
        String parameter = "";
        List<String> properties = new ArrayList<>();
        for (Path.Node node : v.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> { }
                case PARAMETER -> parameter = node.getName();
                default -> properties.add(node.getIndex() == null ? node.getName() : node.getName() + "[" + node.getIndex() + "]");
            }
        }
        return properties.isEmpty() ? parameter : String.join(".", properties);
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}

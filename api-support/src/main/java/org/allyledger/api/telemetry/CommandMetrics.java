package org.allyledger.api.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.allyledger.api.Problem;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Counts and times every command (a request that may change something: POST, PUT, PATCH, DELETE) by the resource
 * method that handled it and its outcome: the status family and, for a problem answer, the problem's type.
 * Published as {@code allyledger_commands_seconds{command,status,problem}}.
 */
public class CommandMetrics {
    private static final String STARTED = CommandMetrics.class.getName() + ".started";
    private static final Set<String> COMMANDS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Duration[] BUCKETS = LatencyBuckets.standard();

    private final MeterRegistry registry;

    public CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @ServerRequestFilter(preMatching = true)
    public void start(ContainerRequestContext request) {
        if (COMMANDS.contains(request.getMethod())) {
            request.setProperty(STARTED, System.nanoTime());
        }
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo resource) {
        if (!(request.getProperty(STARTED) instanceof Long started)) {
            return;
        }
        String command = resource == null || resource.getResourceClass() == null ? "unmatched"
                : resource.getResourceClass().getSimpleName() + "." + resource.getMethodName();
        Timer.builder("allyledger.commands")
                .description("Commands by the resource method that handled them and their outcome")
                .tags("command", command, "status", response.getStatus() / 100 + "xx", "problem", problem(response.getEntity()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /** The last segment of a problem's type, e.g. {@code invalid-request}; {@code none} for an answer that is not a problem. */
    private static String problem(Object entity) {
        if (entity instanceof Problem problem && problem.type() != null) {
            return problem.type().substring(problem.type().lastIndexOf('/') + 1);
        }
        return "none";
    }
}

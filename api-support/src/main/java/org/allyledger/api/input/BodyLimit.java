package org.allyledger.api.input;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.allyledger.api.Problem;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body declared larger than {@code quarkus.http.limits.max-body-size} is refused before it is read, with a problem:
 * the HTTP layer's own refusal has no body. (A chunked body that grows past the limit is still cut off by that layer.)
 */
@ApplicationScoped
public class BodyLimit {
    private final long maxBytes;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    void refuseOversizedBodies(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long declared;
            try {
                declared = length == null ? 0 : Long.parseLong(length.strip());
            } catch (NumberFormatException unreadable) {
                declared = 0; // the HTTP layer refuses it
            }
            if (declared <= maxBytes) {
                context.next();
                return;
            }
            String detail = "The request body is " + declared + " bytes; at most " + maxBytes + " are accepted.";
            context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end("{\"type\":\"https://allyledger.org/problems/body-too-large\",\"title\":\"Request body too large\",\"status\":413,"
                            + "\"detail\":\"" + detail + "\"}");
        });
    }
}

package org.allyledger.writeapi.catalogue;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import org.allyledger.domain.Rejections;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The event catalogue of the topics this service publishes, for portal teams: the AsyncAPI document and the JSON
 * Schemas it references, served as they are in {@code event-contracts}. Public, like the OpenAPI document.
 */
@Path("/")
@PermitAll
public class CatalogueResource {

    @GET
    @Path("asyncapi.yaml")
    @Produces("application/yaml")
    @Operation(hidden = true)
    public byte[] asyncApi() {
        return resource("asyncapi.yaml");
    }

    @GET
    @Path("schemas/{file}")
    @Produces("application/schema+json")
    @Operation(hidden = true)
    public byte[] schema(@PathParam("file") @Pattern(regexp = "^org\\.allyledger\\.[A-Za-z]+\\.[A-Za-z]+\\.v[0-9]+\\.json$",
            message = "must name a published schema") String file) {
        return resource("schemas/" + file);
    }

    private static byte[] resource(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw Rejections.notFound("catalogue file", name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

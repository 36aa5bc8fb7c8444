package dev.flywheel.inference.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /v1/ping}: answers {@code ok} and does nothing else. The benchmark's ceiling: what this server's
 * HTTP stack answers per second when a request costs nothing, measured beside {@code /predict}.
 */
@PermitAll
@Path("/v1/ping")
public class PingResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String ping() {
        return "ok";
    }
}

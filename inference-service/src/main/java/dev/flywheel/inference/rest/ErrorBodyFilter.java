package dev.flywheel.inference.rest;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives a JSON sentence to the refusals Quarkus makes before any resource or exception mapper runs (a wrong
 * content type, a body its JSON reader gives up on): every 4xx/5xx of this service has a body saying why.
 */
public class ErrorBodyFilter {

    @ServerResponseFilter
    public void explainEmptyErrors(ContainerResponseContext response) {
        if (response.getStatus() >= 400 && !response.hasEntity()) {
            Response.StatusType status = response.getStatusInfo();
            response.setEntity(ApiError.of(status.getStatusCode() + " " + status.getReasonPhrase()), null,
                    MediaType.APPLICATION_JSON_TYPE);
        }
    }
}

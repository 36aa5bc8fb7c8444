package dev.flywheel.ingest.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Gives the refusals Quarkus makes itself (415 for a Content-Type no endpoint consumes, 405, 406, ...) the same
 * JSON body as {@link HttpProblem}; they came with an empty body, which told a client nothing. Answers that already
 * carry a body are left as they are.
 */
public class BareErrorBodies {

    @ServerExceptionMapper
    public Response explain(WebApplicationException e) {
        Response response = e.getResponse();
        if (response.hasEntity()) {
            return response;
        }
        Response.StatusType status = response.getStatusInfo();
        String error = status.getStatusCode() + " " + status.getReasonPhrase()
                + (e.getMessage() == null || e.getMessage().isBlank() ? "" : ": " + e.getMessage());
        return HttpProblem.of(status.getStatusCode(), error).getResponse();
    }
}

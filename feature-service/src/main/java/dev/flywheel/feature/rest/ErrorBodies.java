package dev.flywheel.feature.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Gives every refusal without a body (the 404 of an unknown pipeline at {@code /v1/pipelines/{p}}, a 400 of the
 * export, Quarkus's own 405 or 415) the JSON body the online store answers with ({@link OnlineFeaturesResource.Problem});
 * they came with an empty body, which told a client nothing. Answers with a body are left as they are.
 */
public class ErrorBodies {

    @ServerExceptionMapper
    public Response explain(WebApplicationException e) {
        Response response = e.getResponse();
        if (response.hasEntity()) {
            return response;
        }
        Response.StatusType status = response.getStatusInfo();
        String error = e.getMessage() == null || e.getMessage().isBlank()
                ? status.getStatusCode() + " " + status.getReasonPhrase() : e.getMessage();
        return Response.fromResponse(response).type(MediaType.APPLICATION_JSON)
                .entity(new OnlineFeaturesResource.Problem(status.getStatusCode(), error)).build();
    }
}

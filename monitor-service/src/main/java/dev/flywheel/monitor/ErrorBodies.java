package dev.flywheel.monitor;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Gives every refusal without a body (a {@code BadRequestException} for an unreadable {@code since}, the 404 of an
 * unknown pipeline or of a report not made yet, Quarkus's own 405 or 415) a JSON body {@code {"status", "error"}}
 * saying why; they came with an empty body, which told a client nothing. Answers with a body are left as they are.
 */
public class ErrorBodies {

    /** The body of such an answer. */
    public record Body(int status, String error) {
    }

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
                .entity(new Body(status.getStatusCode(), error)).build();
    }
}

package dev.flywheel.training.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Gives the refusals that came with an empty body a JSON one in the registry's shape ({@link RegistryProblem.Body}):
 * a request body that is not JSON, or JSON of the wrong shape, is 400 naming the field where reading stopped; Quarkus's
 * own 404, 405 and 415 say what they are. Answers that already carry a body are left as they are.
 */
public class ErrorBodies {

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? path(mapping) : null;
        String reason = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        int detail = reason.indexOf('\n');
        reason = detail < 0 ? reason : reason.substring(0, detail);
        return RegistryProblem.of(400, field, "unreadable request body: " + reason).getResponse();
    }

    /** Quarkus maps this one itself (to a body without a sentence) unless a mapper names it exactly. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response explain(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        Response response = e.getResponse();
        if (response.hasEntity()) {
            return response;
        }
        Response.StatusType status = response.getStatusInfo();
        String error = e.getMessage() == null || e.getMessage().isBlank()
                ? status.getStatusCode() + " " + status.getReasonPhrase() : e.getMessage();
        return RegistryProblem.of(status.getStatusCode(), null, error).getResponse();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }
}

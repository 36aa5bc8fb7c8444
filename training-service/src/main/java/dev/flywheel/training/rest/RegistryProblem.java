package dev.flywheel.training.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A registry request refused: its status and a JSON body {@code {"status":..,"field":..,"error":".."}} that
 * names the field at fault (null when the request as a whole is) and why.
 */
public final class RegistryProblem extends WebApplicationException {

    /** The body of such an answer. */
    public record Body(int status, String field, String error) {
    }

    private RegistryProblem(String message, Response response) {
        super(message, response);
    }

    public static RegistryProblem of(int status, String field, String error) {
        return new RegistryProblem(error, Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new Body(status, field, error)).build());
    }

    public static RegistryProblem notFound(String field, String error) {
        return of(404, field, error);
    }

    public static RegistryProblem conflict(String error) {
        return of(409, null, error);
    }

    public static RegistryProblem unprocessable(String field, String error) {
        return of(422, field, error);
    }
}

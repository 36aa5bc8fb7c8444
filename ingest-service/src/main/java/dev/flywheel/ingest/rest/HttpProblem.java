package dev.flywheel.ingest.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.flywheel.ingest.file.BodyFormat;

/**
 * A request refused as a whole, before any record was taken: answered with its status and a JSON body
 * {@code {"status":..,"error":".."}} that says what was wrong.
 */
public final class HttpProblem extends WebApplicationException {

    /** The body of such an answer. */
    public record Body(int status, String error) {
    }

    private HttpProblem(Response response) {
        super(response);
    }

    public static HttpProblem of(int status, String error) {
        return new HttpProblem(Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new Body(status, error)).build());
    }

    static HttpProblem unsupportedType(String contentType) {
        return of(415, "Content-Type " + (contentType == null ? "(none)" : "'" + contentType + "'")
                + " is not supported here; send one of " + BodyFormat.SUPPORTED);
    }

    static HttpProblem tooLarge(long length, long limit) {
        return of(413, "the body is " + length + " bytes; a synchronous post takes at most " + limit
                + " bytes (flywheel.ingest.http.sync-max-body); send larger inputs to /uploads");
    }
}

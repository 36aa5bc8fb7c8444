package dev.flywheel.inference.rest;

import java.io.IOException;
import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.flywheel.contracts.spec.FieldViolation;
import dev.flywheel.inference.features.FeatureLookupFailed;

/**
 * Turns every exception that leaves a resource into a JSON answer ({@link ApiError}, whose {@code error}
 * field is also the Open Inference Protocol's error shape): unreadable JSON or JSON of the wrong shape is
 * 400 naming where it went wrong; a failed online lookup is 503 (502 when feature-service refused it); a
 * {@link WebApplicationException} keeps its status; anything else is a
 * bug, answered 500 with a sentence (never a stack trace) and logged.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return json(Response.Status.BAD_REQUEST, unreadableBody(e));
    }

    /** Quarkus maps this one itself (to a body without a sentence) unless a mapper names it exactly. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        Response response = e.getResponse();
        if (response.hasEntity()) {
            return response;
        }
        Response.StatusType status = response.getStatusInfo();
        return Response.fromResponse(response).entity(ApiError.of(status.getStatusCode() + " "
                + status.getReasonPhrase() + (e.getMessage() == null ? "" : ": " + e.getMessage())))
                .type(MediaType.APPLICATION_JSON).build();
    }

    /** An online lookup failed: 503 (with Retry-After) while feature-service is down or slow, 502 when it refused. */
    @ServerExceptionMapper
    public Response lookupFailed(FeatureLookupFailed e) {
        if (e.kind() == FeatureLookupFailed.Kind.UNAVAILABLE) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                    .entity(ApiError.of("online features unavailable: " + e.getMessage()))
                    .type(MediaType.APPLICATION_JSON).build();
        }
        return json(Response.Status.BAD_GATEWAY, ApiError.of("online features refused: " + e.getMessage()));
    }

    /** The client went away while its body was read: nobody is left to answer, and it is not our bug. */
    @ServerExceptionMapper
    public Response clientGone(IOException e) {
        LOG.debugf("request body not read: %s", e.getMessage());
        return json(Response.Status.BAD_REQUEST, ApiError.of("request body could not be read: " + e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("request failed unexpectedly", e);
        return json(Response.Status.INTERNAL_SERVER_ERROR, ApiError.of("internal error (" + e.getClass().getSimpleName()
                + "); the service log has the details"));
    }

    static ApiError unreadableBody(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? path(mapping) : "$";
        String reason = e.getOriginalMessage();
        int detail = reason == null ? -1 : reason.indexOf('\n');
        reason = detail < 0 ? reason : reason.substring(0, detail);
        return new ApiError("unreadable request body: " + field + ": " + reason,
                List.of(new FieldViolation(field, FieldViolation.JSON, reason, null)));
    }

    /** {@code features.tx_amount}, {@code [2].features}, or {@code $} for the body as a whole. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "$" : path.toString();
    }

    private static Response json(Response.Status status, ApiError error) {
        return Response.status(status).entity(error).type(MediaType.APPLICATION_JSON).build();
    }
}

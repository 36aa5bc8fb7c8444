package dev.flywheel.runtime.security;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Answers a refused call the way the services answer any other error, as JSON {@code {"status", "error"}}:
 * 401 for a missing or unknown key (with {@code WWW-Authenticate}), 403 for a known key without the role the
 * endpoint needs, naming the roles that would do. Works because {@code quarkus.http.auth.proactive=false} lets
 * authentication fail inside the REST layer, where these mappers see it.
 */
public class AuthProblems {

    /** The body of a refusal. */
    public record Problem(int status, String error) {
    }

    static final String MISSING = "this endpoint needs an API key: send 'Authorization: Bearer <key>' or '"
            + ApiKeyMechanism.API_KEY_HEADER + ": <key>'";
    static final String UNKNOWN = "the API key is not valid";

    @ServerExceptionMapper(UnauthorizedException.class)
    public Response missing(UnauthorizedException e) {
        return unauthorized(MISSING);
    }

    @ServerExceptionMapper(AuthenticationFailedException.class)
    public Response unknown(AuthenticationFailedException e) {
        return unauthorized(UNKNOWN);
    }

    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden(ForbiddenException e, SimpleResourceInfo resource) {
        List<String> needed = neededRoles(resource);
        String error = needed.isEmpty() ? "this API key may not call this endpoint"
                : "this API key may not call this endpoint: it needs one of the roles " + needed;
        return problem(403, error).build();
    }

    private static Response unauthorized(String error) {
        return problem(401, error).header("WWW-Authenticate", "Bearer realm=\"flywheel\"").build();
    }

    private static Response.ResponseBuilder problem(int status, String error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new Problem(status, error));
    }

    private static List<String> neededRoles(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return List.of();
        }
        RolesAllowed allowed = null;
        try {
            Method method = resource.getResourceClass().getMethod(resource.getMethodName(),
                    resource.parameterTypes());
            allowed = method.getAnnotation(RolesAllowed.class);
        } catch (NoSuchMethodException notPublic) {
            // fall back to the class's roles
        }
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return allowed == null ? List.of() : Arrays.asList(allowed.value());
    }
}

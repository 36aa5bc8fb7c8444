package dev.flywheel.runtime.security;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.flywheel.runtime.PlatformConfig;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the caller's API key from {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>} and hands it to
 * {@link ApiKeyIdentityProvider}; a request without a key stays anonymous, so an endpoint that needs a role
 * answers 401 (see {@link AuthProblems}). With {@code flywheel.security.enabled=false} (the demo, test runs)
 * every request gets an identity holding every role, so the same {@code @RolesAllowed} let everything pass.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    /** The header beside {@code Authorization} that carries a key, for clients that cannot set a bearer token. */
    public static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "bearer ";
    private static final Principal OPEN_PRINCIPAL = new QuarkusPrincipal("open-access");

    private final boolean enabled;
    private final SecurityIdentity open;

    public ApiKeyMechanism(PlatformConfig config) {
        this.enabled = config.security().enabled();
        this.open = QuarkusSecurityIdentity.builder().setPrincipal(OPEN_PRINCIPAL).addRoles(Roles.ALL).build();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!enabled) {
            return Uni.createFrom().item(open);
        }
        Optional<String> key = presentedKey(context.request());
        if (key.isEmpty()) {
            return Uni.createFrom().optional(Optional.empty());
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyRequest(key.get()),
                context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"flywheel\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    /** The bearer token, else the {@code X-API-Key} header; blank values count as none. */
    static Optional<String> presentedKey(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).strip();
            if (!token.isEmpty()) {
                return Optional.of(token);
            }
        }
        String header = request.getHeader(API_KEY_HEADER);
        return header == null || header.isBlank() ? Optional.empty() : Optional.of(header.strip());
    }
}

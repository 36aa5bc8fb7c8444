package dev.flywheel.runtime.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The key a caller presented, on its way from {@link ApiKeyMechanism} to {@link ApiKeyIdentityProvider}. */
final class ApiKeyRequest extends BaseAuthenticationRequest {

    private final String key;

    ApiKeyRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    @Override
    public String toString() {
        // A request may end up in a log line; the key must not.
        return "ApiKeyRequest[key=***]";
    }
}

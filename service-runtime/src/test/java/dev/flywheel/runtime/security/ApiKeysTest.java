package dev.flywheel.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.flywheel.runtime.PlatformConfig.ApiClientSettings;

/** Which client a presented key belongs to, and the configuration mistakes that stop a service at start. */
class ApiKeysTest {

    private static final String OPS_KEY = "ops-key-0123456789abcdef";
    private static final String FEEDER_KEY = "feeder-key-0123456789abcdef";

    @Test
    void aKeyMatchesItsClientAndNoOther() {
        // Given two clients, one configured with its key's SHA-256 only
        ApiKeys keys = new ApiKeys(Map.of(
                "ops", plain(OPS_KEY, "admin", "read"),
                "feeder", hashed(HexFormat.of().formatHex(ApiKeys.sha256(FEEDER_KEY)), "ingest")));

        // When keys are presented / Then each finds its own client and its roles, a wrong one nothing
        assertThat(keys.match(OPS_KEY)).contains(new ApiKeys.ApiClient("ops", Set.of("admin", "read")));
        assertThat(keys.match(FEEDER_KEY)).contains(new ApiKeys.ApiClient("feeder", Set.of("ingest")));
        assertThat(keys.match(OPS_KEY + "x")).isEmpty();
        assertThat(keys.match(OPS_KEY.substring(1))).isEmpty();
        assertThat(keys.match("")).isEmpty();
    }

    @Test
    void anUnknownRoleNamesTheClientAndTheRolesThereAre() {
        assertThatThrownBy(() -> new ApiKeys(Map.of("ops", plain(OPS_KEY, "root"))))
                .hasMessageContaining("flywheel.security.api-keys.ops.roles")
                .hasMessageContaining("'root' is not a role")
                .hasMessageContaining("admin");
    }

    @Test
    void aClientWithoutRolesIsRefused() {
        assertThatThrownBy(() -> new ApiKeys(Map.of("ops", plain(OPS_KEY))))
                .hasMessageContaining("flywheel.security.api-keys.ops.roles: at least one of");
    }

    @Test
    void aShortKeyIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> new ApiKeys(Map.of("ops", plain("short-secret", "admin"))))
                .hasMessageContaining("flywheel.security.api-keys.ops.key: must be at least 16 characters")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void twoClientsWithOneKeyAreRefused() {
        Map<String, ApiClientSettings> clients = new LinkedHashMap<>();
        clients.put("a", plain(OPS_KEY, "admin"));
        clients.put("b", hashed(HexFormat.of().formatHex(ApiKeys.sha256(OPS_KEY)), "read"));
        assertThatThrownBy(() -> new ApiKeys(clients))
                .hasMessageContaining("flywheel.security.api-keys.b: the same key as client 'a'")
                .hasMessageNotContaining(OPS_KEY);
    }

    @Test
    void aClientNeedsExactlyOneOfKeyAndDigest() {
        ApiClientSettings both = settings(Optional.of(OPS_KEY),
                Optional.of(HexFormat.of().formatHex(ApiKeys.sha256(OPS_KEY))), List.of("admin"));
        assertThatThrownBy(() -> new ApiKeys(Map.of("ops", both)))
                .hasMessageContaining("flywheel.security.api-keys.ops: set exactly one of key and key-sha256");
        assertThatThrownBy(() -> new ApiKeys(Map.of("ops", hashed("not-hex", "admin"))))
                .hasMessageContaining("flywheel.security.api-keys.ops.key-sha256: must be 64 hex digits");
    }

    static ApiClientSettings plain(String key, String... roles) {
        return settings(Optional.of(key), Optional.empty(), List.of(roles));
    }

    static ApiClientSettings hashed(String sha256, String... roles) {
        return settings(Optional.empty(), Optional.of(sha256), List.of(roles));
    }

    private static ApiClientSettings settings(Optional<String> key, Optional<String> sha256, List<String> roles) {
        return new ApiClientSettings() {
            @Override
            public Optional<String> key() {
                return key;
            }

            @Override
            public Optional<String> keySha256() {
                return sha256;
            }

            @Override
            public List<String> roles() {
                return roles;
            }
        };
    }
}

package dev.flywheel.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * One API key per role for the tests that turn authentication on (test runs have it off): the configuration a
 * test profile returns, and the keys its requests send. Each key is a client of its own holding one role.
 */
public final class TestApiKeys {

    public static final String INGEST = "test-key-ingest-0123456789";
    public static final String PREDICT = "test-key-predict-0123456789";
    public static final String ADMIN = "test-key-admin-0123456789";
    public static final String READ = "test-key-read-0123456789";
    /** A well-formed key no client has. */
    public static final String UNKNOWN = "test-key-unknown-0123456789";

    private TestApiKeys() {
    }

    /** Authentication on, and the four clients; a profile may add its own settings to the copy. */
    public static Map<String, String> enabled() {
        Map<String, String> config = new HashMap<>();
        config.put("flywheel.security.enabled", "true");
        client(config, "feeder", INGEST, "ingest");
        client(config, "scorer", PREDICT, "predict");
        client(config, "operator", ADMIN, "admin");
        client(config, "dashboard", READ, "read");
        return config;
    }

    private static void client(Map<String, String> config, String name, String key, String role) {
        config.put("flywheel.security.api-keys." + name + ".key", key);
        config.put("flywheel.security.api-keys." + name + ".roles", role);
    }
}

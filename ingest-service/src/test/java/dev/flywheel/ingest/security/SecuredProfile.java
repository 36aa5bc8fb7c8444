package dev.flywheel.ingest.security;

import java.util.Map;

import dev.flywheel.testing.TestApiKeys;
import io.quarkus.test.junit.QuarkusTestProfile;

/** Authentication on, with one test client per role (test runs have it off). */
public class SecuredProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return TestApiKeys.enabled();
    }
}

package dev.flywheel.training;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service with only the {@code registry-outage} pipeline (one quick candidate, its own examples topic) and its
 * registry database on an embedded PostgreSQL the test stops and starts ({@link RegistryPostgresResource}); quick
 * registry retries; the periodic check pushed out of the test's time so the test's run is the only one.
 */
public class RegistryOutageProfile implements QuarkusTestProfile {

    public static final String PIPELINE = "registry-outage";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flywheel.pipelines-dir", "src/test/resources/registry-outage/pipelines",
                "flywheel.training.check-interval", "1h",
                "flywheel.training.registry-retry.attempts", "60",
                "flywheel.training.registry-retry.initial-backoff", "500ms",
                "flywheel.training.registry-retry.max-backoff", "2s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RegistryPostgresResource.class));
    }
}

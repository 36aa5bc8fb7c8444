package dev.flywheel.training;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service with only the {@code tuning-demo} pipeline, whose candidates are tuned. */
public class TuningTestProfile implements QuarkusTestProfile {

    public static final String PIPELINE = "tuning-demo";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flywheel.pipelines-dir", "src/test/resources/tuning/pipelines");
    }
}

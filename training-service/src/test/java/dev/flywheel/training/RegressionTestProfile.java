package dev.flywheel.training;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service with only the {@code regression-demo} pipeline, whose label is a number. */
public class RegressionTestProfile implements QuarkusTestProfile {

    public static final String PIPELINE = "regression-demo";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flywheel.pipelines-dir", "src/test/resources/regression/pipelines");
    }
}

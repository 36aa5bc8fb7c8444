package dev.flywheel.training.eda;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service with only the {@code eda-demo} pipeline, whose examples no other test reads. */
public class EdaTestProfile implements QuarkusTestProfile {

    public static final String PIPELINE = "eda-demo";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flywheel.pipelines-dir", "src/test/resources/eda/pipelines");
    }
}

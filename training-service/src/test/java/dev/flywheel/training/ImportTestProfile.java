package dev.flywheel.training;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service with only the {@code onnx-import} pipeline, whose examples no other test reads; the periodic
 * check is pushed out of the test's time so no bootstrap training registers a version beside the imports.
 */
public class ImportTestProfile implements QuarkusTestProfile {

    public static final String PIPELINE = "onnx-import";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flywheel.pipelines-dir", "src/test/resources/onnx/pipelines",
                "flywheel.training.check-interval", "1h");
    }
}

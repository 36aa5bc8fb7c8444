package dev.flywheel.training;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service with only the {@code report-demo} pipeline, whose examples and registry no other test touches. */
public class ReportTestProfile implements QuarkusTestProfile {

    public static final String PIPELINE = "report-demo";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flywheel.pipelines-dir", "src/test/resources/report/pipelines");
    }
}

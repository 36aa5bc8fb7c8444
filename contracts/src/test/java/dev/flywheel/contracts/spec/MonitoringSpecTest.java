package dev.flywheel.contracts.spec;

import static dev.flywheel.contracts.spec.TestSpecs.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code monitoring.detector} and {@code monitoring.data}: defaults, parameters and the errors for bad values. */
class MonitoringSpecTest {

    private static String withMonitoring(String monitoring) {
        return TestSpecs.resource("minimal.yaml") + "monitoring:\n" + monitoring;
    }

    @Test
    void detectorDefaultsToAdwinWithDeltaOf0002() {
        // Given a spec without a detector
        // When
        PipelineSpec spec = PipelineSpecs.parse("m.yaml", TestSpecs.resource("minimal.yaml"));

        // Then
        assertThat(spec.monitoring().detector()).isEqualTo(new ConceptDetectorSpec.Adwin(0.002, 32));
        assertThat(spec.monitoring().data().driftShare()).isEqualTo(0.5);
    }

    @Test
    void detectorByKeywordTakesThePaperDefaults() {
        // Given / When
        PipelineSpec ddm = PipelineSpecs.parse("m.yaml", withMonitoring("  detector: ddm\n"));
        PipelineSpec ph = PipelineSpecs.parse("m.yaml", withMonitoring("  detector: page_hinkley\n"));

        // Then
        assertThat(ddm.monitoring().detector()).isEqualTo(new ConceptDetectorSpec.Ddm(2, 3, 30));
        assertThat(ph.monitoring().detector()).isEqualTo(new ConceptDetectorSpec.PageHinkley(0.005, 50, 0.9999, 30));
    }

    @Test
    void detectorParametersOverrideTheDefaults() {
        // Given
        String yaml = withMonitoring("  detector: {type: page_hinkley, lambda: 25, alpha: 1}\n"
                + "  data: {test: auto, driftShare: 0.3}\n");

        // When
        MonitoringSpec monitoring = PipelineSpecs.parse("m.yaml", yaml).monitoring();

        // Then
        assertThat(monitoring.detector()).isEqualTo(new ConceptDetectorSpec.PageHinkley(0.005, 25, 1, 30));
        assertThat(monitoring.data().test()).isEqualTo(DriftTest.AUTO);
        assertThat(monitoring.data().driftShare()).isEqualTo(0.3);
    }

    @Test
    void badDetectorValuesAreNamedWithTheirReason() {
        // Given an unknown detector, a delta outside (0, 1), a drift level below the warning level, a stray key
        // When
        List<SpecProblem> unknown = problemsOf("m.yaml", withMonitoring("  detector: adwn\n"));
        List<SpecProblem> delta = problemsOf("m.yaml", withMonitoring("  detector: {type: adwin, delta: 2}\n"));
        List<SpecProblem> levels = problemsOf("m.yaml",
                withMonitoring("  detector: {type: ddm, warning: 3, drift: 2}\n"));
        List<SpecProblem> stray = problemsOf("m.yaml", withMonitoring("  detector: {type: ddm, lambda: 2}\n"));
        List<SpecProblem> noType = problemsOf("m.yaml", withMonitoring("  detector: {delta: 0.1}\n"));

        // Then
        assertThat(unknown).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("monitoring.detector");
            assertThat(p.message()).contains("adwn").contains("adwin");
        });
        assertThat(delta).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("monitoring.detector.delta");
            assertThat(p.message()).contains("but was 2");
        });
        assertThat(levels).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("monitoring.detector.drift");
            assertThat(p.message()).isEqualTo("must be greater than warning (3.0) but was 2.0");
        });
        assertThat(stray).singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("monitoring.detector.lambda"));
        assertThat(noType).singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("monitoring.detector.type"));
    }

    @Test
    void autoTestRefusesAThreshold() {
        // Given / When
        List<SpecProblem> problems = problemsOf("m.yaml", withMonitoring("  data: {test: auto, threshold: 0.2}\n"));

        // Then
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("monitoring.data.threshold");
            assertThat(p.message()).startsWith("test auto uses each chosen test's own threshold");
        });
    }
}

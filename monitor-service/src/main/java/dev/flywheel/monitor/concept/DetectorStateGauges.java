package dev.flywheel.monitor.concept;

import jakarta.inject.Singleton;

import dev.flywheel.contracts.spec.ConceptDetectorSpec;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.runtime.PipelineCatalog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Exports the state of each pipeline's concept-drift detector ({@link ConceptDriftMonitor#state}) as the gauge
 * {@code flywheel_monitor_detector_state{pipeline,detector}}: 0 stable (also before the served version has any
 * outcome), 1 warning (DDM's warning zone), 2 drift (the detector alarmed on the served version; it stays 2 until a
 * newly promoted version starts a fresh detector). Registered at start for every pipeline with a detector, so that
 * dashboards and alerts find the series before the first outcome.
 */
@Startup
@Singleton
public class DetectorStateGauges {

    static final double STABLE = 0;
    static final double WARNING = 1;
    static final double DRIFT = 2;

    public DetectorStateGauges(PipelineCatalog catalog, ConceptDriftMonitor monitor, MeterRegistry registry) {
        for (PipelineSpec spec : catalog.all()) {
            ConceptDetectorSpec detector = spec.monitoring().detector();
            if (detector instanceof ConceptDetectorSpec.None) {
                continue;
            }
            String pipeline = spec.name();
            Gauge.builder("flywheel.monitor.detector.state", monitor, m -> stateOf(m, pipeline))
                    .tags("pipeline", pipeline, "detector", detector.type().keyword())
                    .description("Concept-drift detector of the served version: 0 stable, 1 warning, 2 drift")
                    .register(registry);
        }
    }

    static double stateOf(ConceptDriftMonitor monitor, String pipeline) {
        return monitor.state(pipeline).map(state -> state.lastAlarm() != null ? DRIFT
                : Boolean.TRUE.equals(state.ddmWarning()) ? WARNING : STABLE).orElse(STABLE);
    }
}

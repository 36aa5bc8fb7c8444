package dev.flywheel.monitor.drift;

import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.monitor.alert.DriftAlerts;
import dev.flywheel.monitor.config.MonitorConfig;
import dev.flywheel.monitor.metrics.OutcomeWindow;
import dev.flywheel.monitor.metrics.QualityMetrics;
import dev.flywheel.runtime.PipelineCatalog;

/**
 * After each outcome of a pipeline's served version, asks that pipeline's {@link AccuracyWatch} whether the
 * accuracy drifted, and raises the drift it reports. Called from the one feed thread.
 */
@Singleton
public class AccuracyDriftDetector {

    private final ServedModels served;
    private final DriftAlerts alerts;
    private final Map<String, PipelineSpec> specs;
    private final Map<String, AccuracyWatch> watches;
    private final Clock clock = Clock.systemUTC();

    public AccuracyDriftDetector(PipelineCatalog catalog, MonitorConfig config, ServedModels served, DriftAlerts alerts) {
        this.served = served;
        this.alerts = alerts;
        this.specs = catalog.all().stream().collect(Collectors.toMap(PipelineSpec::name, spec -> spec));
        this.watches = catalog.all().stream().collect(Collectors.toMap(PipelineSpec::name,
                spec -> new AccuracyWatch(spec, QualityMetrics.of(spec), config.drift().window())));
    }

    public void onOutcome(OutcomeObserved outcome, OutcomeWindow window) {
        AccuracyWatch watch = watches.get(outcome.pipeline());
        if (watch == null) {
            return;
        }
        PipelineSpec spec = specs.get(outcome.pipeline());
        served.served(outcome.pipeline())
                .filter(current -> current.version().equals(outcome.modelVersion()))
                .flatMap(current -> watch.check(current.version(), current.since(), window,
                        served.baseline(spec.name(), current.version(), spec.monitoring().accuracy().metric()),
                        clock.instant()))
                .ifPresent(alerts::raise);
    }

    /** Drift read back from {@code flywheel.drift}: no repeat of what an earlier run already reported. */
    public void onPublished(DriftDetected drift) {
        AccuracyWatch watch = watches.get(drift.pipeline());
        if (watch != null) {
            watch.remember(drift);
        }
    }
}

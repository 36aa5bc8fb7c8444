package dev.flywheel.training.model;

import java.util.Locale;

import jakarta.inject.Singleton;

import dev.flywheel.runtime.PipelineCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Registers {@code flywheel_training_runs_total{pipeline,trigger,status}} at zero for every loaded pipeline,
 * trigger and finished status at start, which {@link TrainingRuns} then increments. A counter that first appears
 * at 1 hides its first run from {@code increase()}, and one that never appears leaves FlywheelRetrainFailed and
 * the dashboards' run panels without series to compute from until something fails.
 */
@Startup
@Singleton
public class RunCounters {

    public RunCounters(PipelineCatalog catalog, MeterRegistry meters) {
        catalog.all().forEach(spec -> {
            for (Trigger trigger : Trigger.values()) {
                for (RunStatus status : RunStatus.values()) {
                    if (status.isFinished()) {
                        meters.counter("flywheel.training.runs", "pipeline", spec.name(), "trigger", trigger.keyword(),
                                "status", status.name().toLowerCase(Locale.ROOT));
                    }
                }
            }
        });
    }
}

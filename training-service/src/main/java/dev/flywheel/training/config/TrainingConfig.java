package dev.flywheel.training.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the training service; the registry folder is {@code flywheel.registry-dir} (PlatformConfig). */
@ConfigMapping(prefix = "flywheel.training")
public interface TrainingConfig {

    /** How often every pipeline is checked for a due bootstrap (no model yet) or scheduled training. */
    @WithDefault("10s")
    Duration checkInterval();

    /** Longest a run may spend reading its dataset from the examples topic before it fails. */
    @WithDefault("5m")
    Duration readTimeout();

    /** How often a running training logs its progress (percent, rate, ETA). */
    @WithDefault("5s")
    Duration progressLogInterval();

    /** Finished runs kept in memory per pipeline for {@code GET /v1/pipelines/{p}/trainings}. */
    @WithDefault("20")
    int runsKept();

    /** How long to wait for the broker to acknowledge a ModelRegistered or ModelPromoted event. */
    @WithDefault("30s")
    Duration publishTimeout();
}

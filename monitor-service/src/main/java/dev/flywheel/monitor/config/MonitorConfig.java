package dev.flywheel.monitor.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the monitor service; the judging policy itself (min outcomes, bounds, cooldown) is in each spec. */
@ConfigMapping(prefix = "flywheel.monitor")
public interface MonitorConfig {

    /** Joining predictions with labels into outcomes. */
    Join join();

    /** Live quality per model version. */
    Quality quality();

    /** Accuracy drift of the served model. */
    Drift drift();

    interface Join {

        /**
         * Kept beyond the spec's {@code label.maxDelay} before a pending prediction or label is forgotten: covers
         * labels that arrive out of order and predictions made late.
         */
        @WithDefault("1d")
        Duration grace();
    }

    interface Quality {

        /** The most recent outcomes kept per (pipeline, model version); metrics and the quality endpoint use them. */
        @WithDefault("20000")
        int window();

        /** Model versions kept per pipeline; the least recently judged one is dropped beyond this. */
        @WithDefault("5")
        int versions();

        /** How far back (by record time) outcomes are read again when the service starts. */
        @WithDefault("7d")
        Duration lookback();
    }

    interface Drift {

        /**
         * The accuracy of the served model is judged over its latest outcomes, this many or the spec's
         * {@code minOutcomes} if larger: small enough that a change shows within a few thousand events. For a
         * binary model the sample reaches further back (up to {@code quality.window}) until it holds the spec's
         * {@code monitoring.minPositives} positives.
         */
        @WithDefault("2000")
        int window();

        /** Drift events kept per pipeline for {@code GET /v1/pipelines/{p}/drift}. */
        @WithDefault("100")
        int recent();
    }
}

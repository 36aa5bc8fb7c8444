package dev.flywheel.training.model;

import java.util.Locale;

/** Why a training run started; its keyword is {@code ModelRegistered.trigger}. */
public enum Trigger {
    /** {@code POST /v1/pipelines/{p}/trainings}. */
    MANUAL,
    /** The spec's {@code training.schedule} elapsed since the last training. */
    SCHEDULE,
    /** A {@code DriftDetected} from the monitor, past the cooldown. */
    DRIFT,
    /** The pipeline had no model yet and enough examples arrived. */
    BOOTSTRAP;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}

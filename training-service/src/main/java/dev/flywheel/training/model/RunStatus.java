package dev.flywheel.training.model;

/** Where a training run stands. */
public enum RunStatus {
    QUEUED,
    RUNNING,
    /** A version was registered (and promoted, or not: see the result's decision). */
    SUCCEEDED,
    /** The data did not allow an honest training (too few examples, a slice without positives, ...). */
    REFUSED,
    FAILED;

    public boolean isFinished() {
        return this != QUEUED && this != RUNNING;
    }
}

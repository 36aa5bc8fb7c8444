package dev.flywheel.training.model;

/**
 * The answer to a run request: the new run, or the run of the same pipeline that is already queued or
 * running (never two at once).
 */
public record Submission(TrainingRun run, boolean accepted) {
}

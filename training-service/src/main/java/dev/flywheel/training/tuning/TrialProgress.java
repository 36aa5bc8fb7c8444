package dev.flywheel.training.tuning;

/**
 * Where the tuning of a candidate stands as a trial starts or finishes, for the run's status and logs.
 *
 * @param trial      the trial that just started or finished (1-based)
 * @param trials     configurations sampled for the candidate
 * @param resource   epochs or boosting rounds of this training
 * @param trainings  trainings finished so far, of at most {@code scheduled}
 * @param bestScore  the best validation score so far; null before any
 * @param bestTrial  its trial; 0 before any
 */
public record TrialProgress(String candidate, int trial, int trials, int rung, String resourceParam, int resource,
                            int trainings, int scheduled, Double bestScore, int bestTrial) {
}

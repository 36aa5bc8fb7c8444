package dev.flywheel.training.model;

import java.time.Instant;

import dev.flywheel.training.tuning.TrialProgress;

/**
 * A training run as {@code GET /v1/pipelines/{p}/trainings/{id}} shows it.
 *
 * @param reason   what started it, in words (e.g. the drift verdict)
 * @param progress where it is, with rate and ETA while training
 * @param message  why it was refused or failed
 */
public record TrainingRunView(String id, String pipeline, String trigger, String reason, RunStatus status,
                              Instant requestedAt, Instant startedAt, Instant finishedAt, Progress progress,
                              String message, RunResult result) {

    /**
     * @param phase          what the run is doing now
     * @param percent        0-100 over the whole run (reading 0-10, training 10-95, registering 95-100)
     * @param stepsPerSecond training batches per second so far; null before training
     * @param etaSeconds     remaining training time at that rate; null before training
     * @param tuning         the latest trial of the candidate being tuned (trial n of N, best so far); null when
     *                       no candidate is being tuned
     */
    public record Progress(String phase, double percent, long stepsDone, long stepsTotal, Double stepsPerSecond,
                           Double etaSeconds, TrialProgress tuning) {
    }
}

package dev.flywheel.model;

/** Told after every optimisation step of a training, so a caller can report percent, rate and ETA. */
@FunctionalInterface
public interface TrainingProgress {

    TrainingProgress NONE = (stepsDone, stepsTotal, epoch, meanLoss) -> {
    };

    /**
     * @param stepsDone  batches processed so far, over all epochs
     * @param stepsTotal batches the whole training will process
     * @param epoch      the current epoch, from 1
     * @param meanLoss   mean training loss of the current epoch so far
     */
    void onStep(long stepsDone, long stepsTotal, int epoch, double meanLoss);
}

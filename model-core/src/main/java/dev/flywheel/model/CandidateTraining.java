package dev.flywheel.model;

import java.util.Map;

/**
 * One candidate's training, its parameters read and checked before any training starts (so a run knows
 * its total steps for progress and ETA); {@link #train} fits it.
 */
public interface CandidateTraining {

    /** The model type keyword of what {@link #train} returns. */
    String modelType();

    /** Progress steps the training will report on {@code trainRows} rows. */
    long steps(int trainRows);

    /** The effective parameters, defaults included. */
    Map<String, Object> asMap();

    /**
     * Fits the model on the training rows, reporting each step.
     *
     * @throws IllegalArgumentException when the rows are empty or hold only one class
     */
    TrainedModel train(LabelledMatrix data, TrainingProgress progress);
}

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

    /**
     * The param that sizes the training, successive halving's resource: {@code epochs} of a network (the
     * logistic regression too, trained by the same optimiser), {@code rounds} of boosted trees. A shorter training
     * is then the same model seen earlier in its fit, which is what halving compares.
     */
    String resourceParam();

    /** The value of {@link #resourceParam()}: how much a full training gets. */
    int resource();

    /** Whether several trainings of this family may run at once in one JVM (parallel tuning trials). */
    default boolean trainsConcurrently() {
        return true;
    }

    /** The effective parameters, defaults included. */
    Map<String, Object> asMap();

    /**
     * Fits the model on the training rows, reporting each step.
     *
     * @throws IllegalArgumentException when the rows are empty or hold only one class
     */
    TrainedModel train(LabelledMatrix data, TrainingProgress progress);
}

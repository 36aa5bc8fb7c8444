package dev.flywheel.model;

import java.time.Duration;

/**
 * The outcome of {@link NetworkTrainer#train}: the architecture, the standardisation fitted on the
 * training slice and the serialised network parameters, ready to be scored or written as an artifact.
 * Holds no native memory; each {@link #scorer()} loads its own copy.
 *
 * @param parameters     DJL's parameter serialisation of {@link NetworkShape#newBlock()}
 * @param positiveWeight the loss weight a positive example had
 * @param finalLoss      mean training loss of the last epoch
 * @param duration       wall time of the training
 */
public record TrainedNetwork(NetworkShape shape, Standardisation standardisation, byte[] parameters,
                             TrainingParams params, double positiveWeight, double finalLoss, Duration duration) {

    public TrainedNetwork {
        if (shape.inputs() != standardisation.width()) {
            throw new IllegalArgumentException("network has " + shape.inputs() + " inputs but the standardisation "
                    + standardisation.width());
        }
        parameters = parameters.clone();
    }

    @Override
    public byte[] parameters() {
        return parameters.clone();
    }

    /** A new scorer over these parameters; the caller closes it. */
    public Scorer scorer() {
        return NetworkScorer.load(shape, standardisation, parameters);
    }
}

package dev.flywheel.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.flywheel.contracts.spec.ModelTask;

/**
 * The outcome of {@link NetworkTrainer#train}: the architecture, the standardisation fitted on the
 * training slice and the serialised network parameters, ready to be scored or written as an artifact.
 * Holds no native memory; each {@link #scorer()} loads its own copy.
 *
 * @param parameters     DJL's parameter serialisation of {@link NetworkShape#newBlock()}
 * @param task           binary classification (the scorer answers a probability) or regression (a value)
 * @param positiveWeight the loss weight a positive example had (1 for regression)
 * @param finalLoss      mean training loss of the last epoch
 * @param duration       wall time of the training
 */
public record TrainedNetwork(NetworkShape shape, Standardisation standardisation, byte[] parameters,
                             TrainingParams params, ModelTask task, double positiveWeight, double finalLoss, Duration duration)
        implements TrainedModel {

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
    @Override
    public Scorer scorer() {
        return NetworkScorer.load(shape, standardisation, parameters, task);
    }

    @Override
    public String modelType() {
        return params.type().keyword();
    }

    @Override
    public int width() {
        return shape.inputs();
    }

    @Override
    public Map<String, byte[]> artifactFiles() {
        return Map.of(NetworkFamily.PARAMETERS_FILE, parameters.clone());
    }

    @Override
    public Map<String, Object> effectiveParams() {
        return TaskParam.with(params.asMap(), task);
    }

    @Override
    public List<Integer> hidden() {
        return shape.hidden();
    }

    @Override
    public void checkDescribedBy(ModelMetadata metadata) {
        TrainedModel.super.checkDescribedBy(metadata);
        if (!metadata.shape().equals(shape) || !standardisation.equals(metadata.standardisation())) {
            throw new IllegalArgumentException("metadata (shape " + metadata.shape() + ") does not describe the network ("
                    + shape + ") or its standardisation");
        }
    }
}

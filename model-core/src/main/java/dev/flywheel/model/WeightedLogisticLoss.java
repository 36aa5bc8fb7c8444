package dev.flywheel.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;

/**
 * Binary cross-entropy on logits with a weight on the positive class, averaged with the weights.
 *
 * <p>Written here because DJL's {@code SigmoidBinaryCrossEntropyLoss} takes only one scalar weight for
 * the whole loss (its source marks a positive weight as to-do). The per-row loss is the numerically
 * stable form {@code max(x, 0) - x*y + log(1 + exp(-|x|))}.
 */
final class WeightedLogisticLoss extends Loss {

    private final float positiveWeight;

    WeightedLogisticLoss(double positiveWeight) {
        super("WeightedLogisticLoss");
        this.positiveWeight = (float) positiveWeight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray truth = labels.singletonOrThrow().reshape(logits.getShape());
        NDArray perRow = Activation.relu(logits).sub(logits.mul(truth))
                .add(Activation.softPlus(logits.abs().neg()));
        NDArray weights = truth.mul(positiveWeight - 1f).add(1f);
        return perRow.mul(weights).sum().div(weights.sum());
    }
}

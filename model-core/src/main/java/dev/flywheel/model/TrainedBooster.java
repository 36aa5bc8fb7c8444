package dev.flywheel.model;

import java.time.Duration;
import java.util.Map;

import dev.flywheel.contracts.spec.ModelTask;
import dev.flywheel.contracts.spec.ModelType;

/**
 * The outcome of an {@code xgboost} training: the booster saved in xgboost's UBJSON format, ready to be
 * scored or written as an artifact. Holds no native memory; each {@link #scorer()} loads its own booster.
 *
 * @param model          the booster, {@code Booster.toByteArray("ubj")}
 * @param task           binary classification (scores are probabilities) or regression (predicted values)
 * @param positiveWeight the {@code scale_pos_weight} it was trained with; the scorer corrects for it
 * @param finalLoss      training log loss (regression: RMSE) after the last round
 */
public record TrainedBooster(byte[] model, int width, XGBoostParams params, ModelTask task, double positiveWeight,
                             double finalLoss,
                             Duration duration) implements TrainedModel {

    public TrainedBooster {
        model = model.clone();
    }

    @Override
    public byte[] model() {
        return model.clone();
    }

    @Override
    public String modelType() {
        return ModelType.XGBOOST.keyword();
    }

    @Override
    public Map<String, byte[]> artifactFiles() {
        return Map.of(XGBoostFamily.MODEL_FILE, model.clone());
    }

    @Override
    public Scorer scorer() {
        return BoosterScorer.load(model, width, positiveWeight, task);
    }

    @Override
    public Map<String, Object> effectiveParams() {
        return TaskParam.with(params.asMap(), task);
    }
}

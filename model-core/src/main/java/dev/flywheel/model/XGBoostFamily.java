package dev.flywheel.model;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import dev.flywheel.contracts.spec.ModelType;

/**
 * Gradient-boosted trees with xgboost4j ({@code xgboost}). Artifact: {@value #MODEL_FILE}, the booster in
 * xgboost's UBJSON format (readable by any xgboost ≥ 1.6, in Python too); the metadata's
 * {@code positiveWeight} is the {@code scale_pos_weight} the scorer corrects for.
 */
final class XGBoostFamily implements ModelFamily {

    static final String FORMAT = "ubj";
    static final String MODEL_FILE = "model.ubj";

    @Override
    public Set<String> modelTypes() {
        return Set.of(ModelType.XGBOOST.keyword());
    }

    @Override
    public Set<ModelType> trains() {
        return Set.of(ModelType.XGBOOST);
    }

    @Override
    public CandidateTraining training(ModelType type, Map<String, Object> params) {
        return XGBoostParams.of(params);
    }

    @Override
    public Set<String> paramNames(ModelType type) {
        return XGBoostParams.KEYS;
    }

    @Override
    public Scorer load(ModelMetadata metadata, ArtifactFiles files) throws IOException {
        return BoosterScorer.load(files.read(MODEL_FILE), metadata.featureNames().size(), metadata.positiveWeight(),
                TaskParam.of(metadata.trainingParams()));
    }
}

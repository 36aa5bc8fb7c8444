package dev.flywheel.model;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.ModelType;

/**
 * Ordinary least squares ({@code linear_regression}). Artifact: {@value #MODEL_FILE},
 * {@code {"intercept": 1.5, "coefficients": [0.2, -3.1]}} in the order of the metadata's feature names.
 */
final class LinearFamily implements ModelFamily {

    static final String MODEL_FILE = "linear.json";

    @Override
    public Set<String> modelTypes() {
        return Set.of(ModelType.LINEAR_REGRESSION.keyword());
    }

    @Override
    public Set<ModelType> trains() {
        return Set.of(ModelType.LINEAR_REGRESSION);
    }

    @Override
    public CandidateTraining training(ModelType type, Map<String, Object> params) {
        return LinearParams.of(params);
    }

    @Override
    public Set<String> paramNames(ModelType type) {
        return LinearParams.KEYS;
    }

    @Override
    public Scorer load(ModelMetadata metadata, ArtifactFiles files) throws IOException {
        TrainedLinear.LinearFile file = Json.mapper().readValue(files.read(MODEL_FILE), TrainedLinear.LinearFile.class);
        if (file.coefficients() == null || file.coefficients().length != metadata.featureNames().size()) {
            throw new IOException(MODEL_FILE + ": " + (file.coefficients() == null ? "no" : file.coefficients().length)
                    + " coefficients for the features " + metadata.featureNames());
        }
        return new LinearScorer(file.intercept(), file.coefficients());
    }
}

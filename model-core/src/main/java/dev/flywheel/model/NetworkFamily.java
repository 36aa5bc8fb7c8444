package dev.flywheel.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

import dev.flywheel.contracts.spec.ModelType;

/**
 * DJL networks on PyTorch: {@code mlp} and {@code logistic_regression} (a network without hidden layers).
 * Artifact: {@value #PARAMETERS_FILE}, the parameters in DJL's format, readable only by
 * {@link NetworkShape#newBlock()} of the shape in the metadata; the standardisation is in the metadata.
 */
final class NetworkFamily implements ModelFamily {

    static final String PARAMETERS_FILE = "model.params";

    @Override
    public Set<String> modelTypes() {
        return Set.of(ModelType.MLP.keyword(), ModelType.LOGISTIC_REGRESSION.keyword());
    }

    @Override
    public Set<ModelType> trains() {
        return TrainingParams.SUPPORTED;
    }

    @Override
    public CandidateTraining training(ModelType type, Map<String, Object> params) {
        return TrainingParams.of(type, params);
    }

    @Override
    public Set<String> paramNames(ModelType type) {
        return TrainingParams.paramNames(type);
    }

    @Override
    public Scorer load(ModelMetadata metadata, ArtifactFiles files) throws IOException {
        if (metadata.standardisation() == null) {
            throw new IOException("a " + metadata.modelType() + " version needs its standardisation in the metadata");
        }
        return NetworkScorer.load(metadata.shape(), metadata.standardisation(),
                new ByteArrayInputStream(files.read(PARAMETERS_FILE)), TaskParam.of(metadata.trainingParams()));
    }
}

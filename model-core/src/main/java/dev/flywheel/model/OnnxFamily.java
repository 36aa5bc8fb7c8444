package dev.flywheel.model;

import java.io.IOException;
import java.util.Set;

/**
 * Bring-your-own ONNX binary classifiers ({@code onnx}), served with ONNX Runtime. Artifact:
 * {@value #MODEL_FILE}, the model as it was imported. Not trained here.
 */
final class OnnxFamily implements ModelFamily {

    static final String MODEL_FILE = "model.onnx";

    @Override
    public Set<String> modelTypes() {
        return Set.of(OnnxModel.MODEL_TYPE);
    }

    @Override
    public Scorer load(ModelMetadata metadata, ArtifactFiles files) throws IOException {
        return OnnxScorer.load(files.read(MODEL_FILE), metadata.featureNames().size());
    }
}

package dev.flywheel.model;

import java.io.IOException;
import java.util.Set;

import dev.flywheel.contracts.json.Json;

/** The regression baseline ({@code constant}). Artifact: {@value #MODEL_FILE}, {@code {"value": 41.7}}. Not trained. */
final class ConstantFamily implements ModelFamily {

    static final String MODEL_FILE = "constant.json";

    @Override
    public Set<String> modelTypes() {
        return Set.of(ConstantModel.MODEL_TYPE);
    }

    @Override
    public Scorer load(ModelMetadata metadata, ArtifactFiles files) throws IOException {
        ConstantModel.ConstantFile file = Json.mapper().readValue(files.read(MODEL_FILE), ConstantModel.ConstantFile.class);
        return new ConstantScorer(file.value(), metadata.featureNames().size());
    }
}

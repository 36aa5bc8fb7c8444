package dev.flywheel.inference.model;

import java.util.List;

import dev.flywheel.model.LoadedModel;
import dev.flywheel.model.ModelMetadata;

/** A registry version loaded by model-core, served as it is: its scorer is thread-safe and vectorised. */
final class LoadedServingModel implements ServingModel {

    private final LoadedModel loaded;

    LoadedServingModel(LoadedModel loaded) {
        this.loaded = loaded;
    }

    @Override
    public String version() {
        return loaded.metadata().version();
    }

    @Override
    public List<String> featureNames() {
        return loaded.metadata().featureNames();
    }

    @Override
    public double threshold() {
        return loaded.metadata().threshold();
    }

    /** model-core's model type, e.g. {@code flywheel-model-core/mlp}. */
    @Override
    public String platform() {
        return "flywheel-model-core/" + loaded.metadata().modelType();
    }

    @Override
    public double score(double[] features) {
        return loaded.scorer().score(features);
    }

    @Override
    public double[] scoreBatch(double[][] rows) {
        return loaded.scorer().scoreBatch(rows);
    }

    @Override
    public ModelMetadata metadata() {
        return loaded.metadata();
    }

    @Override
    public void close() {
        loaded.close();
    }
}

package dev.flywheel.inference.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.flywheel.model.CleaningSteps;
import dev.flywheel.model.LoadedModel;
import dev.flywheel.model.ModelMetadata;
import dev.flywheel.model.ReferenceDistributions;

/**
 * A registry version loaded by model-core, served as it is: its scorer is thread-safe and vectorised. Each row
 * first goes through the cleaning the version was trained with (imputation, clipping; none for older versions).
 */
final class LoadedServingModel implements ServingModel {

    private final LoadedModel loaded;
    /** Read on the first explanation, not at load: a hot swap should not wait for it. */
    private volatile Map<String, Double> typical;

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
        return loaded.scorer().score(cleaned(features));
    }

    @Override
    public double[] scoreBatch(double[][] rows) {
        return loaded.scorer().scoreBatch(loaded.metadata().cleaning() == null ? rows
                : Arrays.stream(rows).map(this::cleaned).toArray(double[][]::new));
    }

    private double[] cleaned(double[] features) {
        CleaningSteps cleaning = loaded.metadata().cleaning();
        return cleaning == null ? features : cleaning.applyTo(features);
    }

    @Override
    public Map<String, Double> typicalValues() {
        Map<String, Double> known = typical;
        if (known == null) {
            Map<String, Double> medians = new LinkedHashMap<>();
            ReferenceDistributions.read(loaded.versionDir()).ifPresent(reference -> reference.features().stream()
                    .filter(column -> column.sample().length > 0)
                    // The sample is uniform and ascending: its middle value is the median's estimate.
                    .forEach(column -> medians.put(column.name(), column.sample()[column.sample().length / 2])));
            known = Map.copyOf(medians);
            typical = known;
        }
        return known;
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

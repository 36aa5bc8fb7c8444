package dev.flywheel.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.flywheel.contracts.spec.BaselineRule;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.model.ModelArtifacts;
import dev.flywheel.model.ModelMetadata;
import dev.flywheel.model.ReferenceDistributions;
import dev.flywheel.model.RegistryLayout;
import dev.flywheel.model.RuleModel;

/**
 * A servable model version written straight into the registry folder, as training would write one: the spec's
 * kind of rule baseline ({@code tx_amount > 220}, model-core's {@code rule} family, which loads in milliseconds and
 * needs no native engine) over all the pipeline's features, with the data-drift reference of rows drawn by
 * {@link #row} beside it. Produces the version folder; the test announces it on the models topic itself.
 */
record RuleVersion(String version, Path folder, List<String> featureNames) {

    private static final String RULE = "tx_amount > 220";
    private static final int REFERENCE_ROWS = 2_000;

    static RuleVersion write(Path registry, PipelineSpec spec, String version) {
        List<String> features = spec.featureNames();
        RuleModel model = new RuleModel(BaselineRule.parse(RULE), features);
        Path folder = RegistryLayout.versionDir(registry, spec.name(), version);
        ModelArtifacts.write(folder, new ModelMetadata(ModelMetadata.FORMAT_VERSION, spec.name(), version, "baseline",
                RuleModel.MODEL_TYPE, features, List.of(), null, 0.5, model.effectiveParams(), 1, Map.of(), List.of(),
                0, REFERENCE_ROWS, "manual", Instant.now(), Duration.ZERO), model);
        Random random = new Random(7);
        double[][] rows = new double[REFERENCE_ROWS][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = toArray(features, row(random, features, false));
        }
        ReferenceDistributions.write(folder, features, rows, model);
        return new RuleVersion(version, folder, features);
    }

    /**
     * Feature values like the card-fraud features of quiet days; {@code shifted}: amounts four times larger and
     * busier customers and terminals, so that most features drift against the reference.
     */
    static Map<String, Double> row(Random random, List<String> features, boolean shifted) {
        double scale = shifted ? 4 : 1;
        Map<String, Double> row = new LinkedHashMap<>();
        for (String feature : features) {
            double value;
            if (feature.contains("amount")) {
                value = Math.abs(50 * scale + 20 * scale * random.nextGaussian());
            } else if (feature.contains("during")) {
                value = random.nextDouble() < (shifted ? 0.6 : 0.2) ? 1 : 0;
            } else if (feature.contains("risk")) {
                value = shifted ? 0.2 + 0.1 * random.nextDouble() : 0.01 * random.nextDouble();
            } else {
                value = random.nextInt(shifted ? 40 : 10);
            }
            row.put(feature, value);
        }
        return row;
    }

    private static double[] toArray(List<String> features, Map<String, Double> row) {
        return features.stream().mapToDouble(row::get).toArray();
    }

    String artifactUri() {
        return folder.toUri().toString();
    }
}

package dev.flywheel.bench.inference;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.flywheel.contracts.spec.ModelType;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.model.LabelledMatrix;
import dev.flywheel.model.ModelArtifacts;
import dev.flywheel.model.ModelFamilies;
import dev.flywheel.model.ModelMetadata;
import dev.flywheel.model.NetworkTrainer;
import dev.flywheel.model.RegistryLayout;
import dev.flywheel.model.TrainedModel;
import dev.flywheel.model.TrainedNetwork;
import dev.flywheel.model.TrainingParams;
import dev.flywheel.model.TrainingProgress;

/**
 * The models the inference benchmark serves, trained with model-core on synthetic rows (large night-time
 * amounts are fraud): one MLP with the card-fraud spec's first candidate's shape (hidden 32-16), written as
 * registry versions {@code 1..n} of the pipeline (same weights, so a swap changes the version, not the cost),
 * and gradient-boosted trees (xgboost with the family's defaults: 100 trees of depth 6) as version {@code n+1}.
 */
record BenchModels(Path registry, PipelineSpec spec, int versions) {

    String write() {
        List<String> names = spec.featureNames();
        long started = System.nanoTime();
        TrainedNetwork network = NetworkTrainer.train(data(names.size(), 20_000, 11),
                TrainingParams.of(ModelType.MLP, Map.of("hidden", List.of(32, 16), "epochs", 3)), TrainingProgress.NONE);
        long trainedMs = (System.nanoTime() - started) / 1_000_000;
        for (int v = 1; v <= versions; v++) {
            String version = Integer.toString(v);
            ModelArtifacts.write(RegistryLayout.versionDir(registry, spec.name(), version),
                    new ModelMetadata(ModelMetadata.FORMAT_VERSION, spec.name(), version, "mlp", "mlp", names,
                            List.of(32, 16), network.standardisation(), 0.5, network.params().asMap(),
                            network.positiveWeight(), Map.of("average_precision", 0.5), List.of(), 20_000, 0, "bench",
                            Instant.now(), network.duration()), network);
        }
        String gbtVersion = Integer.toString(versions + 1);
        started = System.nanoTime();
        TrainedModel trees = ModelFamilies.training(ModelType.XGBOOST, Map.of()).train(data(names.size(), 20_000, 11),
                TrainingProgress.NONE);
        long treesMs = (System.nanoTime() - started) / 1_000_000;
        ModelArtifacts.write(RegistryLayout.versionDir(registry, spec.name(), gbtVersion),
                new ModelMetadata(ModelMetadata.FORMAT_VERSION, spec.name(), gbtVersion, "gbt", trees.modelType(), names,
                        List.of(), null, 0.5, trees.effectiveParams(), trees.positiveWeight(),
                        Map.of("average_precision", 0.5), List.of(), 20_000, 0, "bench", Instant.now(), trees.duration()),
                trees);
        return "models versions=" + versions + " features=" + names.size() + " trained_ms=" + trainedMs
                + " gbt_version=" + gbtVersion + " gbt_trained_ms=" + treesMs;
    }

    private static LabelledMatrix data(int width, int rows, long seed) {
        Random random = new Random(seed);
        double[][] features = new double[rows][width];
        double[] labels = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < width; j++) {
                features[i][j] = random.nextGaussian();
            }
            features[i][0] = 10 + 200 * random.nextDouble();
            features[i][2] = random.nextInt(2);
            labels[i] = features[i][0] > 150 && features[i][2] == 1 ? 1 : 0;
        }
        return new LabelledMatrix(features, labels);
    }
}

package dev.flywheel.inference;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.spec.ModelType;
import dev.flywheel.model.LabelledMatrix;
import dev.flywheel.model.ModelArtifacts;
import dev.flywheel.model.ModelMetadata;
import dev.flywheel.model.NetworkTrainer;
import dev.flywheel.model.RegistryLayout;
import dev.flywheel.model.TrainedNetwork;
import dev.flywheel.model.TrainingParams;
import dev.flywheel.model.TrainingProgress;

/**
 * Small real models for tests, trained with model-core (logistic regression on synthetic rows where large
 * night-time amounts are fraud) and written as registry versions into a test's own folder.
 */
final class TestModels {

    /** Versions are unique in the test JVM: tests share one broker and one running service. */
    private static final AtomicLong NEXT_VERSION = new AtomicLong(System.currentTimeMillis() / 1000 * 1000);

    private final Path registry;
    private final String pipeline;
    private final List<String> featureNames;
    private final TrainedNetwork network;

    TestModels(Path registry, String pipeline, List<String> featureNames) {
        this.registry = registry;
        this.pipeline = pipeline;
        this.featureNames = List.copyOf(featureNames);
        this.network = NetworkTrainer.train(data(featureNames.size(), 2_000, 7),
                TrainingParams.of(ModelType.LOGISTIC_REGRESSION, Map.of("epochs", 3)), TrainingProgress.NONE);
    }

    static String nextVersion() {
        return Long.toString(NEXT_VERSION.incrementAndGet());
    }

    /** Writes a new version and returns the promotion that names it. */
    ModelPromoted writeVersion(String version, String previous) {
        Path dir = RegistryLayout.versionDir(registry, pipeline, version);
        ModelArtifacts.write(dir, new ModelMetadata(ModelMetadata.FORMAT_VERSION, pipeline, version, "logistic",
                "logistic_regression", featureNames, List.of(), network.standardisation(), 0.5,
                network.params().asMap(), network.positiveWeight(), Map.of("average_precision", 0.5), List.of(), 2_000,
                0, "manual", Instant.now(), network.duration()), network);
        return promotion(version, previous, dir.toUri().toString());
    }

    ModelPromoted promotion(String version, String previous, String artifactUri) {
        return new ModelPromoted("promotion-" + version, ModelPromoted.SCHEMA_VERSION, pipeline, version, previous,
                artifactUri, "test", Instant.now());
    }

    /** Rows whose first column is an amount and second a night flag; fraud is a large amount at night. */
    private static LabelledMatrix data(int width, int rows, long seed) {
        Random random = new Random(seed);
        double[][] features = new double[rows][width];
        double[] labels = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < width; j++) {
                features[i][j] = random.nextGaussian();
            }
            features[i][0] = 10 + 200 * random.nextDouble();
            features[i][1] = random.nextInt(2);
            labels[i] = features[i][0] > 150 && features[i][1] == 1 ? 1 : 0;
        }
        return new LabelledMatrix(features, labels);
    }
}

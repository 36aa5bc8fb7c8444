package dev.flywheel.inference.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flywheel.contracts.spec.ModelType;
import dev.flywheel.model.CleaningSteps;
import dev.flywheel.model.LabelledMatrix;
import dev.flywheel.model.LoadedModel;
import dev.flywheel.model.ModelArtifacts;
import dev.flywheel.model.ModelMetadata;
import dev.flywheel.model.NetworkTrainer;
import dev.flywheel.model.RegistryLayout;
import dev.flywheel.model.TrainedNetwork;
import dev.flywheel.model.TrainingParams;
import dev.flywheel.model.TrainingProgress;

/** A version trained with cleaning is served with it: requests are clipped and imputed as training rows were. */
class LoadedServingModelTest {

    private static final List<String> FEATURES = List.of("amount", "night");
    private static final CleaningSteps CLEANING = new CleaningSteps(FEATURES, FEATURES, List.of(
            new CleaningSteps.Step(CleaningSteps.IMPUTE, "night", 0.0, null, null, "median"),
            new CleaningSteps.Step(CleaningSteps.CLIP, "amount", null, 0.0, 180.0, "IQR fences")));

    @TempDir
    static Path registry;

    private static TrainedNetwork network;

    @BeforeAll
    static void trainALogisticRegressionWhereLargeNightAmountsAreFraud() {
        Random random = new Random(3);
        double[][] rows = new double[2_000][];
        double[] labels = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {10 + 170 * random.nextDouble(), random.nextInt(2)};
            labels[i] = rows[i][0] > 120 && rows[i][1] == 1 ? 1 : 0;
        }
        network = NetworkTrainer.train(new LabelledMatrix(rows, labels),
                TrainingParams.of(ModelType.LOGISTIC_REGRESSION, Map.of("epochs", 3)), TrainingProgress.NONE);
    }

    @Test
    void requestsGoThroughTheVersionsCleaningBeforeScoring() {
        // Given a version recorded with its cleaning
        try (LoadedServingModel served = new LoadedServingModel(load("1", CLEANING))) {
            LoadedModel same = load("2", CLEANING);

            // When a huge amount and a missing night flag are scored
            double huge = served.score(new double[] {5_000, 1});
            double missing = served.score(new double[] {150, Double.NaN});

            // Then they score as the clipped and imputed rows, not as the raw ones
            assertThat(huge).isEqualTo(same.scorer().score(new double[] {180, 1}))
                    .isNotEqualTo(same.scorer().score(new double[] {5_000, 1}));
            assertThat(missing).isEqualTo(same.scorer().score(new double[] {150, 0}));
            assertThat(served.scoreBatch(new double[][] {{5_000, 1}, {150, Double.NaN}})).containsExactly(huge, missing);
            same.close();
        }
    }

    @Test
    void aVersionWithoutCleaningIsServedAsItIs() {
        try (LoadedServingModel served = new LoadedServingModel(load("3", null))) {
            LoadedModel same = load("4", null);

            assertThat(served.score(new double[] {5_000, 1})).isEqualTo(same.scorer().score(new double[] {5_000, 1}));
            same.close();
        }
    }

    private static LoadedModel load(String version, CleaningSteps cleaning) {
        Path dir = RegistryLayout.versionDir(registry, "card-fraud", version);
        ModelArtifacts.write(dir, new ModelMetadata(ModelMetadata.FORMAT_VERSION, "card-fraud", version, "logistic",
                "logistic_regression", FEATURES, List.of(), network.standardisation(), 0.5, network.params().asMap(),
                network.positiveWeight(), Map.of(), List.of(), 2_000, 0, "manual", Instant.now(), network.duration(),
                cleaning), network);
        return ModelArtifacts.load(dir);
    }
}

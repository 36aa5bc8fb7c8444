package dev.flywheel.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.metric.MetricScores;
import dev.flywheel.contracts.spec.ModelTask;
import dev.flywheel.contracts.spec.ModelType;

/**
 * The regression families against scikit-learn on the committed vectors of
 * {@code regression/make_regression_vectors.py}: least squares equals {@code LinearRegression}, the mean baseline
 * {@code DummyRegressor}; xgboost and the MLP come close to {@code HistGradientBoostingRegressor} and
 * {@code MLPRegressor} on the same held-out rows and clearly beat the linear fit on a target it cannot express.
 */
class RegressionFamiliesTest {

    private static final List<String> FEATURES = List.of("x0", "x1", "x2", "x3", "x4", "amount");
    private static JsonNode vectors;
    private static LabelledMatrix train;
    private static LabelledMatrix test;

    @TempDir
    Path registry;

    @BeforeAll
    static void readVectors() throws IOException {
        try (InputStream in = RegressionFamiliesTest.class.getResourceAsStream("/regression/regression_vectors.json")) {
            vectors = Json.mapper().readTree(in);
        }
        train = new LabelledMatrix(matrix("xTrain"), array(vectors.get("yTrain")), ModelTask.REGRESSION);
        test = new LabelledMatrix(matrix("xTest"), array(vectors.get("yTest")), ModelTask.REGRESSION);
    }

    @Test
    void leastSquaresEqualsScikitLearnsLinearRegression() {
        // Given the linear_regression candidate of a spec
        CandidateTraining training = ModelFamilies.training(ModelType.LINEAR_REGRESSION, Map.of());

        // When it is fitted on the training rows and scores the held-out ones
        TrainedLinear model = (TrainedLinear) training.train(train, TrainingProgress.NONE);
        double[] predictions;
        try (Scorer scorer = model.scorer()) {
            predictions = scorer.scoreBatch(test.rows());
        }
        Map<String, Double> metrics = MetricScores.all(ModelTask.REGRESSION, predictions, test.labels(), 0.5);

        // Then intercept, coefficients, predictions and RMSE / MAE / R² are scikit-learn's
        JsonNode expected = vectors.get("linear");
        assertThat(model.intercept()).isCloseTo(expected.get("intercept").asDouble(), within(1e-8));
        double[] coefficients = array(expected.get("coefficients"));
        for (int i = 0; i < coefficients.length; i++) {
            assertThat(model.coefficients()[i]).as("coefficient %d", i).isCloseTo(coefficients[i], within(1e-9));
        }
        double[] theirs = array(expected.get("predictions"));
        for (int i = 0; i < theirs.length; i++) {
            assertThat(predictions[i]).as("row %d", i).isCloseTo(theirs[i], within(1e-8));
        }
        assertThat(metrics.get("rmse")).isCloseTo(expected.get("rmse").asDouble(), within(1e-9));
        assertThat(metrics.get("mae")).isCloseTo(expected.get("mae").asDouble(), within(1e-9));
        assertThat(metrics.get(MetricScores.R2)).isCloseTo(expected.get("r2").asDouble(), within(1e-9));
        assertThat(model.effectiveParams()).containsEntry(TaskParam.KEY, "regression");
    }

    @Test
    void theMeanBaselineEqualsScikitLearnsDummyRegressor() {
        // When the baseline is fitted on the training rows
        ConstantModel mean = ConstantModel.meanOf(train, FEATURES);
        Map<String, Double> metrics;
        try (Scorer scorer = mean.scorer()) {
            metrics = MetricScores.all(ModelTask.REGRESSION, scorer.scoreBatch(test.rows()), test.labels(), 0.5);
        }

        // Then its value and held-out metrics are DummyRegressor(strategy="mean")'s
        JsonNode expected = vectors.get("mean");
        assertThat(mean.value()).isCloseTo(expected.get("value").asDouble(), within(1e-9));
        assertThat(metrics.get("rmse")).isCloseTo(expected.get("rmse").asDouble(), within(1e-9));
        assertThat(metrics.get(MetricScores.R2)).isCloseTo(expected.get("r2").asDouble(), within(1e-9));
    }

    @Test
    void boostedTreesRegressAsWellAsScikitLearnsGradientBoosting() {
        // Given an xgboost candidate trained on numeric labels (reg:squarederror)
        TrainedModel model = ModelFamilies.training(ModelType.XGBOOST, Map.of("rounds", 200, "maxDepth", 4))
                .train(train, TrainingProgress.NONE);

        // When it predicts the held-out rows
        Map<String, Double> metrics = heldOut(model);

        // Then its RMSE is within 15 % of HistGradientBoostingRegressor's and far below the linear fit's
        double reference = vectors.get("histGradientBoosting").get("rmse").asDouble();
        System.out.printf("xgboost regression: RMSE %.4f (scikit-learn HGB %.4f), R2 %.4f%n", metrics.get("rmse"),
                reference, metrics.get(MetricScores.R2));
        assertThat(metrics.get("rmse")).isLessThan(reference * 1.15).isLessThan(vectors.get("linear").get("rmse")
                .asDouble() / 2);
        assertThat(metrics.get(MetricScores.R2)).isGreaterThan(0.95);
        assertThat(model.positiveWeight()).isEqualTo(1);
        assertThat(model.effectiveParams()).containsEntry(TaskParam.KEY, "regression");
    }

    @Test
    void aNetworkRegressesInTheLabelsUnitsAsWellAsScikitLearnsMlp() {
        // Given an mlp candidate trained with mean squared error on the standardised label
        TrainedModel model = ModelFamilies.training(ModelType.MLP, Map.of("hidden", List.of(32, 16), "epochs", 60,
                "learningRate", 0.003, "batchSize", 32)).train(train, TrainingProgress.NONE);

        // When it predicts the held-out rows
        Map<String, Double> metrics = heldOut(model);

        // Then its RMSE is within 60 % of MLPRegressor's (another optimiser and initialisation) and its R² above
        // 0.95: the output is in the label's units, no sigmoid squeezes it
        double reference = vectors.get("mlp").get("rmse").asDouble();
        System.out.printf("mlp regression: RMSE %.4f (scikit-learn MLP %.4f), R2 %.4f, trained in %d ms%n",
                metrics.get("rmse"), reference, metrics.get(MetricScores.R2), model.duration().toMillis());
        assertThat(metrics.get("rmse")).isLessThan(reference * 1.6);
        assertThat(metrics.get(MetricScores.R2)).isGreaterThan(0.95);
    }

    @Test
    void everyRegressionFamilyLoadsBackFromItsArtifactAndScoresTheSame() {
        // Given one model of each regression family, written as registry versions
        List<TrainedModel> models = List.of(
                ModelFamilies.training(ModelType.LINEAR_REGRESSION, Map.of()).train(train, TrainingProgress.NONE),
                ModelFamilies.training(ModelType.XGBOOST, Map.of("rounds", 20)).train(train, TrainingProgress.NONE),
                ModelFamilies.training(ModelType.MLP, Map.of("epochs", 2)).train(train, TrainingProgress.NONE),
                ConstantModel.meanOf(train, FEATURES));
        int version = 0;
        for (TrainedModel model : models) {
            Path versionDir = RegistryLayout.versionDir(registry, "house-prices", String.valueOf(++version));
            ModelArtifacts.write(versionDir, metadata(model, String.valueOf(version)), model);

            // When each is loaded back and scores the held-out rows
            try (Scorer original = model.scorer(); LoadedModel loaded = ModelArtifacts.load(versionDir)) {

                // Then every prediction is the same value (no probability link on the way back)
                assertThat(loaded.scorer().scoreBatch(test.rows())).as(model.modelType())
                        .containsExactly(original.scoreBatch(test.rows()));
                assertThat(TaskParam.of(loaded.metadata().trainingParams())).isEqualTo(ModelTask.REGRESSION);
            }
        }
    }

    @Test
    void leastSquaresRefusesClassificationRowsAndCollinearFeatures() {
        // Given binary rows, and regression rows whose last column doubles the first
        LabelledMatrix binary = new LabelledMatrix(new double[][] {{1}, {2}, {3}, {4}}, new double[] {0, 1, 0, 1});
        double[][] collinear = new double[50][];
        double[] labels = new double[50];
        for (int i = 0; i < collinear.length; i++) {
            collinear[i] = new double[] {i, i % 7, 2.0 * i};
            labels[i] = i;
        }
        CandidateTraining training = ModelFamilies.training(ModelType.LINEAR_REGRESSION, Map.of());

        // Then both are refused with the reason, and a param is refused by name
        assertThatThrownBy(() -> training.train(binary, TrainingProgress.NONE))
                .hasMessageContaining("numeric labels");
        assertThatThrownBy(() -> training.train(new LabelledMatrix(collinear, labels, ModelTask.REGRESSION),
                TrainingProgress.NONE)).hasMessageContaining("collinear");
        assertThatThrownBy(() -> ModelFamilies.training(ModelType.LINEAR_REGRESSION, Map.of("epochs", 3)))
                .hasMessageContaining("epochs");
        assertThatThrownBy(() -> new LabelledMatrix(new double[][] {{1}}, new double[] {Double.NaN},
                ModelTask.REGRESSION)).hasMessageContaining("finite");
    }

    private static Map<String, Double> heldOut(TrainedModel model) {
        try (Scorer scorer = model.scorer()) {
            return MetricScores.all(ModelTask.REGRESSION, scorer.scoreBatch(test.rows()), test.labels(), 0.5);
        }
    }

    private static ModelMetadata metadata(TrainedModel model, String version) {
        return new ModelMetadata(ModelMetadata.FORMAT_VERSION, "house-prices", version, "c" + version,
                model.modelType(), FEATURES, model.hidden(), model.standardisation(), 0.5, model.effectiveParams(),
                model.positiveWeight(), Map.of(), List.of(), train.size(), test.size(), "manual",
                Instant.parse("2024-01-01T00:00:00Z"), model.duration());
    }

    private static double[][] matrix(String field) {
        return Json.mapper().convertValue(vectors.get(field), double[][].class);
    }

    private static double[] array(JsonNode node) {
        return Json.mapper().convertValue(node, double[].class);
    }
}

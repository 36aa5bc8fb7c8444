package dev.flywheel.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flywheel.contracts.metric.BinaryMetrics;
import dev.flywheel.contracts.spec.ModelType;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

class XGBoostFamilyTest {

    private static final LabelledMatrix TRAIN = SyntheticData.separable(6_000, 1);
    private static final LabelledMatrix TEST = SyntheticData.separable(2_000, 2);
    private static TrainedBooster balanced;

    @TempDir
    Path registry;

    @BeforeAll
    static void train() {
        balanced = (TrainedBooster) ModelFamilies.training(ModelType.XGBOOST, Map.of("rounds", 40, "maxDepth", 3))
                .train(TRAIN, TrainingProgress.NONE);
    }

    @Test
    void boostedTreesLearnRarePositivesFarAboveTheirRate() {
        // When the balanced booster scores later, unseen rows
        double ap;
        double[] scores;
        try (Scorer scorer = balanced.scorer()) {
            scores = scorer.scoreBatch(TEST.rows());
            ap = BinaryMetrics.averagePrecision(scores, TEST.labels());
        }

        // Then its average precision is far above the positive rate, and the prior correction keeps the
        // mean score near the true rate despite a positive weight of about 30
        double rate = SyntheticData.positiveRate(TEST);
        double meanScore = java.util.Arrays.stream(scores).average().orElseThrow();
        System.out.printf("xgboost: AP %.3f (positive rate %.3f), %d rows trained in %d ms, weight %.1f%n", ap, rate,
                TRAIN.size(), balanced.duration().toMillis(), balanced.positiveWeight());
        assertThat(balanced.positiveWeight()).isGreaterThan(15);
        assertThat(ap).isGreaterThan(0.7).isGreaterThan(10 * rate);
        assertThat(meanScore).isBetween(rate / 3, rate * 3);
    }

    @Test
    void scoresEqualXgboostsOwnPredict() throws Exception {
        // Given a booster trained without class weight, and the balanced one
        TrainedBooster unweighted = XGBoostParams.of(Map.of("rounds", 20, "maxDepth", 3, "positiveWeight", 1))
                .train(TRAIN, TrainingProgress.NONE);
        Booster plain = XGBoost.loadModel(unweighted.model());
        Booster weighted = XGBoost.loadModel(balanced.model());
        DMatrix test = new DMatrix(BoosterScorer.flatten(TEST.rows(), 4), TEST.size(), 4, Float.NaN);
        try (Scorer plainScorer = unweighted.scorer(); Scorer weightedScorer = balanced.scorer()) {
            // When both score the test rows, and xgboost4j predicts them itself
            double[] ours = plainScorer.scoreBatch(TEST.rows());
            float[][] theirs = plain.predict(test);
            double[] oursWeighted = weightedScorer.scoreBatch(TEST.rows());
            float[][] margins = weighted.predict(test, true);

            // Then, unweighted, the scores are xgboost's probabilities; weighted, sigmoid(margin - ln w)
            for (int i = 0; i < TEST.size(); i++) {
                assertThat(ours[i]).as("row %d", i).isCloseTo(theirs[i][0], within(1e-6));
                double corrected = 1 / (1 + Math.exp(-(margins[i][0] - Math.log(balanced.positiveWeight()))));
                assertThat(oursWeighted[i]).as("row %d", i).isCloseTo(corrected, within(1e-6));
            }
            assertThat(plainScorer.score(TEST.rows()[7])).isEqualTo(ours[7]);
        } finally {
            plain.dispose();
            weighted.dispose();
            test.dispose();
        }
    }

    @Test
    void aWrittenBoosterLoadsBackAndScoresExactlyTheSame() {
        // Given the booster written as a registry version
        Path versionDir = RegistryLayout.versionDir(registry, "card-fraud", "1");
        ModelMetadata written = ModelArtifacts.write(versionDir, metadata(balanced), balanced);

        // When it is loaded back
        try (Scorer original = balanced.scorer(); LoadedModel loaded = ModelArtifacts.load(versionDir)) {

            // Then every score is identical and the model file's checksum is recorded
            assertThat(loaded.scorer().scoreBatch(TEST.rows())).containsExactly(original.scoreBatch(TEST.rows()));
            assertThat(written.artifacts()).containsOnlyKeys("model.ubj");
            assertThat(written.artifacts().get("model.ubj")).isEqualTo(ArtifactFiles.sha256(balanced.model()));
            assertThat(loaded.metadata().trainingParams()).containsEntry("rounds", 40).containsEntry("maxDepth", 3);
        }
    }

    @Test
    void progressCountsRoundsAndTheSameSeedGivesTheSameModel() {
        // Given 5 rounds
        List<long[]> steps = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        XGBoostParams params = XGBoostParams.of(Map.of("rounds", 5, "subsample", 0.8, "colsampleByTree", 0.5));

        // When it trains twice
        TrainedBooster first = params.train(TRAIN, (done, total, round, loss) -> {
            steps.add(new long[] {done, total});
            losses.add(loss);
        });
        TrainedBooster second = params.train(TRAIN, TrainingProgress.NONE);

        // Then progress went 1..5 of 5 with a falling training loss, and both models are byte for byte equal
        assertThat(steps).hasSize(5);
        assertThat(steps.get(4)).containsExactly(5, 5);
        assertThat(losses.get(4)).isLessThan(losses.get(0));
        assertThat(params.steps(TRAIN.size())).isEqualTo(5);
        assertThat(second.model()).isEqualTo(first.model());
    }

    @Test
    void wrongParamsAreNamed() {
        assertThatThrownBy(() -> XGBoostParams.of(Map.of("max_depth", 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown params [max_depth] for xgboost")
                .hasMessageContaining("maxDepth");
        assertThatThrownBy(() -> XGBoostParams.of(Map.of("eta", 0)))
                .hasMessage("eta must be in (0, 1] but was 0.0");
        assertThat(XGBoostParams.of(Map.of()).asMap()).containsEntry("rounds", 100).containsEntry("maxDepth", 6)
                .containsEntry("positiveWeight", "balanced");
    }

    private static ModelMetadata metadata(TrainedModel model) {
        return new ModelMetadata(ModelMetadata.FORMAT_VERSION, "card-fraud", "1", "gbt", model.modelType(),
                List.of("x0", "x1", "noise", "amount"), List.of(), null, 0.5, model.effectiveParams(),
                model.positiveWeight(), Map.of(), List.of(), TRAIN.size(), TEST.size(), "manual",
                Instant.parse("2024-01-01T00:00:00Z"), model.duration());
    }
}

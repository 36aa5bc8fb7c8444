package dev.flywheel.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.metric.BinaryMetrics;
import dev.flywheel.contracts.spec.ModelType;

class NetworkTrainerTest {

    private static final LabelledMatrix TRAIN = SyntheticData.separable(6_000, 1);
    private static final LabelledMatrix TEST = SyntheticData.separable(2_000, 2);

    @Test
    void mlpLearnsRarePositivesFarAboveTheirRate() {
        // Given rare positives (about 3%) and an MLP
        TrainingParams params = TrainingParams.of(ModelType.MLP, Map.of("hidden", List.of(16, 8), "epochs", 10,
                "learningRate", 0.01));

        // When it is trained and scores the later, unseen rows
        TrainedNetwork network = NetworkTrainer.train(TRAIN, params, TrainingProgress.NONE);
        double ap;
        try (Scorer scorer = network.scorer()) {
            ap = BinaryMetrics.averagePrecision(scorer.scoreBatch(TEST.rows()), TEST.labels());
        }

        // Then its average precision is far above the positive rate (what a random ranking gets)
        double rate = SyntheticData.positiveRate(TEST);
        System.out.printf("mlp: AP %.3f (positive rate %.3f), %d rows trained in %d ms%n", ap, rate, TRAIN.size(),
                network.duration().toMillis());
        assertThat(rate).isBetween(0.01, 0.06);
        assertThat(ap).isGreaterThan(0.7).isGreaterThan(10 * rate);
    }

    @Test
    void logisticRegressionLearnsTooAndScoresStayCalibratedDespiteThePositiveWeight() {
        // Given a logistic regression trained with the balanced positive weight (about 30)
        TrainedNetwork network = NetworkTrainer.train(TRAIN, TrainingParams.of(ModelType.LOGISTIC_REGRESSION,
                Map.of()), TrainingProgress.NONE);

        // When it scores unseen rows
        double[] scores;
        try (Scorer scorer = network.scorer()) {
            scores = scorer.scoreBatch(TEST.rows());
        }

        // Then it ranks well, and the prior correction keeps the mean score near the true positive rate
        // (without it, a weight of ~30 would push the mean towards 0.5)
        double rate = SyntheticData.positiveRate(TEST);
        double meanScore = Arrays.stream(scores).average().orElseThrow();
        assertThat(network.positiveWeight()).isGreaterThan(15);
        assertThat(BinaryMetrics.averagePrecision(scores, TEST.labels())).isGreaterThan(0.5);
        assertThat(meanScore).isBetween(rate / 3, rate * 3);
    }

    @Test
    void sameSeedGivesTheSameParameters() {
        // Given two trainings with the same data and seed
        TrainingParams params = TrainingParams.of(ModelType.MLP, Map.of("hidden", List.of(8), "epochs", 2, "seed", 7));

        // When both run
        byte[] first = NetworkTrainer.train(TRAIN, params, TrainingProgress.NONE).parameters();
        byte[] second = NetworkTrainer.train(TRAIN, params, TrainingProgress.NONE).parameters();

        // Then the networks are bit for bit the same
        assertThat(second).isEqualTo(first);
    }

    @Test
    void progressCountsEveryStepOfEveryEpoch() {
        // Given 1000 rows in batches of 100 over 3 epochs
        LabelledMatrix data = SyntheticData.separable(1_000, 3);
        TrainingParams params = TrainingParams.of(ModelType.LOGISTIC_REGRESSION,
                Map.of("epochs", 3, "batchSize", 100));
        List<long[]> steps = new ArrayList<>();

        // When it trains
        NetworkTrainer.train(data, params, (done, total, epoch, loss) -> steps.add(new long[] {done, total, epoch}));

        // Then progress reaches 30 of 30 steps, through epochs 1 to 3
        assertThat(steps).hasSize(30);
        assertThat(steps.get(29)).containsExactly(30, 30, 3);
        assertThat(steps.get(0)).containsExactly(1, 30, 1);
    }

    @Test
    void oneClassOnlyIsRefused() {
        LabelledMatrix negativesOnly = new LabelledMatrix(new double[][] {{1}, {2}}, new double[] {0, 0});

        assertThatThrownBy(() -> NetworkTrainer.train(negativesOnly,
                TrainingParams.of(ModelType.LOGISTIC_REGRESSION, Map.of()), TrainingProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both classes");
    }
}

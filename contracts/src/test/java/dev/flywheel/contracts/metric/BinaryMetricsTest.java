package dev.flywheel.contracts.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.spec.Metric;
import dev.flywheel.contracts.spec.ModelTask;

class BinaryMetricsTest {

    @Test
    void rankingMetricsAreNaNWithoutBothClasses() {
        // Given a live window where no fraud has been labelled yet
        double[] scores = {0.1, 0.7, 0.3};
        double[] noPositive = {0, 0, 0};
        double[] noNegative = {1, 1, 1};

        // Then ranking quality is undefined, not zero
        assertThat(BinaryMetrics.averagePrecision(scores, noPositive)).isNaN();
        assertThat(BinaryMetrics.rocAuc(scores, noPositive)).isNaN();
        assertThat(BinaryMetrics.rocAuc(scores, noNegative)).isNaN();
        // while average precision with only positives is defined (every threshold is fully precise)
        assertThat(BinaryMetrics.averagePrecision(scores, noNegative)).isEqualTo(1.0);
        // and log loss needs no second class
        assertThat(BinaryMetrics.logLoss(scores, noPositive)).isCloseTo(
                -(Math.log(0.9) + Math.log(0.3) + Math.log(0.7)) / 3, within(1e-12));
    }

    @Test
    void emptyInputIsNaNEverywhere() {
        double[] none = {};
        assertThat(BinaryMetrics.averagePrecision(none, none)).isNaN();
        assertThat(BinaryMetrics.rocAuc(none, none)).isNaN();
        assertThat(BinaryMetrics.logLoss(none, none)).isNaN();
        assertThat(BinaryMetrics.f1(none, none, 0.5)).isNaN();
        assertThat(BinaryMetrics.cardPrecisionAtK(none, none, new String[0], new long[0], 10)).isNaN();
        assertThat(RegressionMetrics.rmse(none, none)).isNaN();
        assertThat(RegressionMetrics.r2(none, none)).isNaN();
        assertThat(BinaryMetrics.brierScore(none, none)).isNaN();
        assertThat(BinaryMetrics.precisionAtK(none, none, 5)).isNaN();
        assertThat(BinaryCurves.of(none, none).roc()).isEmpty();
    }

    @Test
    void averagePrecisionIsTheStepwiseSumWithoutInterpolation() {
        // Given ranks: positive, negative, positive  ->  (R, P) = (1/2, 1), (1/2, 1/2), (1, 2/3)
        double[] scores = {0.9, 0.8, 0.7};
        double[] labels = {1, 0, 1};

        // Then AP = 1/2 * 1 + 1/2 * 2/3 (an interpolated AP would use 1 for the second step)
        assertThat(BinaryMetrics.averagePrecision(scores, labels)).isCloseTo(0.5 + 1.0 / 3, within(1e-15));
    }

    @Test
    void tiedScoresCountAsHalfRightInRocAuc() {
        assertThat(BinaryMetrics.rocAuc(new double[] {0.5, 0.5}, new double[] {1, 0})).isEqualTo(0.5);
        assertThat(BinaryMetrics.rocAuc(new double[] {0.0, -0.0, 1}, new double[] {1, 0, 1})).isEqualTo(0.75);
    }

    @Test
    void labelsOtherThanZeroAndOneAreRefused() {
        assertThatThrownBy(() -> BinaryMetrics.rocAuc(new double[] {0.1, 0.2}, new double[] {0, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 1 must be 0 or 1");
        assertThatThrownBy(() -> BinaryMetrics.averagePrecision(new double[] {Double.NaN}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> BinaryMetrics.logLoss(new double[] {1.5}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probabilities");
    }

    @Test
    void cardPrecisionTakesEachCardOnceAndDividesByK() {
        // Given day 1: card A has a fraud scored 0.9 and a genuine 0.95; card B genuine 0.8; card C fraud 0.1
        //       day 2: card A genuine 0.2 only
        double[] scores = {0.9, 0.95, 0.8, 0.1, 0.2};
        double[] labels = {1, 0, 0, 1, 0};
        String[] cards = {"A", "A", "B", "C", "A"};
        long[] days = {1, 1, 1, 1, 2};

        // When two cards a day can be checked
        double cp = BinaryMetrics.cardPrecisionAtK(scores, labels, cards, days, 2);

        // Then day 1 checks A (compromised) and B: 1/2; day 2 checks A (not): 0/2; the mean is 1/4
        assertThat(cp).isEqualTo(0.25);
    }

    @Test
    void precisionAtKSharesTheTiedPlacesAtTheCut() {
        // Given one positive on top, then four tied samples of which one is positive, k = 3
        double[] scores = {0.9, 0.5, 0.5, 0.5, 0.5};
        double[] labels = {1, 0, 1, 0, 0};

        // Then the two remaining places hold a quarter positive each on average: (1 + 2 / 4) / 3
        assertThat(BinaryMetrics.precisionAtK(scores, labels, 3)).isCloseTo(0.5, within(1e-15));
        // and the value does not depend on the input order
        assertThat(BinaryMetrics.precisionAtK(new double[] {0.5, 0.5, 0.9, 0.5, 0.5}, new double[] {0, 0, 1, 0, 1}, 3))
                .isCloseTo(0.5, within(1e-15));
        assertThatThrownBy(() -> BinaryMetrics.precisionAtK(scores, labels, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k must be at least 1");
    }

    @Test
    void curvesOfOneClassAreEmptyWhereTheyAreUndefined() {
        BinaryCurves onlyNegatives = BinaryCurves.of(new double[] {0.2, 0.4}, new double[] {0, 0});
        BinaryCurves onlyPositives = BinaryCurves.of(new double[] {0.2, 0.4}, new double[] {1, 1});

        assertThat(onlyNegatives.roc()).isEmpty();
        assertThat(onlyNegatives.precisionRecall()).isEmpty();
        assertThat(onlyPositives.roc()).isEmpty();
        assertThat(onlyPositives.precisionRecall()).extracting(CurvePoint::y).containsOnly(1.0);
    }

    @Test
    void metricScoresNamesWhatCardPrecisionNeeds() {
        assertThatThrownBy(() -> MetricScores.of(Metric.CARD_PRECISION_AT_K, new double[1], new double[1], 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cardPrecisionAtK");
    }

    @Test
    void allGivesEveryScoreOnlyMetricOfTheTaskByKeyword() {
        Map<String, Double> metrics = MetricScores.all(ModelTask.BINARY_CLASSIFICATION,
                new double[] {0.9, 0.2, 0.6}, new double[] {1, 0, 0}, 0.5);

        assertThat(metrics).containsOnlyKeys("average_precision", "roc_auc", "log_loss", "f1", "brier_score",
                "precision", "recall", "precision_at_100");
        assertThat(metrics.keySet()).startsWith("average_precision", "roc_auc", "log_loss", "f1");
        assertThat(metrics.get("roc_auc")).isEqualTo(1.0);
        assertThat(metrics.get("f1")).isCloseTo(2.0 / 3, within(1e-15));
    }
}

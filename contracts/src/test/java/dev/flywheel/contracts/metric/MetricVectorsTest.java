package dev.flywheel.contracts.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.Metric;
import dev.flywheel.contracts.spec.ModelTask;

/**
 * The metrics and curves agree with scikit-learn on the vectors {@code src/test/python/metric_vectors.py}
 * generated (random scores and labels, seeded; ties, imbalance, degenerate rankings, one class only).
 */
class MetricVectorsTest {

    private static final double TOLERANCE = 1e-9;

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryCases")
    void binaryMetricsAgreeWithScikitLearn(String name, JsonNode vector) {
        // Given scores and labels with scikit-learn's values
        double[] scores = doubles(vector.get("scores"));
        double[] labels = doubles(vector.get("labels"));
        double threshold = vector.get("threshold").doubleValue();
        int k = vector.get("k").intValue();

        // When every metric is computed at once, as a holdout evaluation does
        Map<String, Double> all = MetricScores.all(ModelTask.BINARY_CLASSIFICATION, scores, labels, threshold, k);

        // Then each agrees with scikit-learn, and is NaN where scikit-learn has no value
        assertAgrees(all.get("average_precision"), vector.get("average_precision"), "average precision");
        assertAgrees(all.get("roc_auc"), vector.get("roc_auc"), "ROC AUC");
        assertAgrees(all.get("log_loss"), vector.get("log_loss"), "log loss");
        assertAgrees(all.get("brier_score"), vector.get("brier_score"), "Brier score");
        assertAgrees(all.get("f1"), vector.get("f1"), "F1");
        assertAgrees(all.get("precision"), vector.get("precision"), "precision");
        assertAgrees(all.get("recall"), vector.get("recall"), "recall");
        assertAgrees(all.get("precision_at_" + k), vector.get("precision_at_k"), "precision@k");
        assertThat(all.get("average_precision")).isEqualByComparingTo(BinaryMetrics.averagePrecision(scores, labels));
        assertThat(all.get("f1")).isEqualByComparingTo(BinaryMetrics.f1(scores, labels, threshold));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryCases")
    void curvesAreScikitLearnsPointsInDecreasingThresholdOrder(String name, JsonNode vector) {
        // Given scores and labels, with scikit-learn's curves where the case is small enough to hold them
        double[] scores = doubles(vector.get("scores"));
        double[] labels = doubles(vector.get("labels"));
        BinaryCurves curves = BinaryCurves.of(scores, labels);

        // Then the points agree (a case without a curve has a class missing, or is too large to store)
        if (vector.has("roc")) {
            assertPoints(curves.roc(), vector.get("roc"));
            assertThat(trapezoids(curves.roc())).as("area under the drawn ROC curve")
                    .isCloseTo(BinaryMetrics.rocAuc(scores, labels), within(TOLERANCE));
        }
        if (vector.has("precision_recall")) {
            assertPoints(curves.precisionRecall(), vector.get("precision_recall"));
        }
        if (vector.get("roc_auc").isNull()) {
            assertThat(curves.roc()).isEmpty();
        }
        if (vector.get("average_precision").isNull()) {
            assertThat(curves.precisionRecall()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regressionCases")
    void regressionMetricsAgreeWithScikitLearn(String name, JsonNode vector) {
        double[] predictions = doubles(vector.get("predictions"));
        double[] labels = doubles(vector.get("labels"));

        Map<String, Double> all = MetricScores.all(ModelTask.REGRESSION, predictions, labels, Double.NaN);

        assertThat(all).containsOnlyKeys("rmse", "mae", "r2");
        assertAgrees(all.get("rmse"), vector.get("rmse"), "RMSE");
        assertAgrees(all.get("mae"), vector.get("mae"), "MAE");
        assertAgrees(all.get("r2"), vector.get("r2"), "R²");
        assertThat(MetricScores.of(Metric.RMSE, predictions, labels, Double.NaN)).isEqualTo(all.get("rmse"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cardCases")
    void cardPrecisionAgreesWithTheHandbookFormula(String name, JsonNode vector) {
        double[] scores = doubles(vector.get("scores"));
        double[] labels = doubles(vector.get("labels"));
        String[] cards = new String[scores.length];
        long[] days = new long[scores.length];
        for (int i = 0; i < scores.length; i++) {
            cards[i] = vector.get("cards").get(i).textValue();
            days[i] = vector.get("days").get(i).longValue();
        }

        assertThat(BinaryMetrics.cardPrecisionAtK(scores, labels, cards, days, vector.get("k").intValue()))
                .isCloseTo(vector.get("card_precision_at_k").doubleValue(), within(TOLERANCE));
    }

    static Stream<Object[]> binaryCases() throws IOException {
        return cases("binary.json");
    }

    static Stream<Object[]> regressionCases() throws IOException {
        return cases("regression.json");
    }

    static Stream<Object[]> cardCases() throws IOException {
        return cases("card-precision.json");
    }

    private static Stream<Object[]> cases(String file) throws IOException {
        try (InputStream in = MetricVectorsTest.class.getResourceAsStream("/metric/" + file)) {
            assertThat(in).as("test vectors /metric/%s", file).isNotNull();
            List<Object[]> cases = new ArrayList<>();
            for (JsonNode vector : Json.mapper().readTree(in).get("cases")) {
                cases.add(new Object[] {vector.get("name").textValue(), vector});
            }
            assertThat(cases).isNotEmpty();
            return cases.stream();
        }
    }

    /** A null reference means scikit-learn has no value there: the Java metric must be NaN. */
    private static void assertAgrees(Double actual, JsonNode expected, String metric) {
        assertThat(expected).as("reference value of %s", metric).isNotNull();
        if (expected.isNull()) {
            assertThat(actual).as(metric + " where scikit-learn has none").isNaN();
        } else {
            assertThat(actual).as(metric).isCloseTo(expected.doubleValue(), within(TOLERANCE));
        }
    }

    private static void assertPoints(List<CurvePoint> points, JsonNode expected) {
        assertThat(points).hasSize(expected.size());
        for (int i = 0; i < points.size(); i++) {
            JsonNode point = expected.get(i);
            assertThat(points.get(i).x()).as("x of point %d", i)
                    .isCloseTo(point.get(0).doubleValue(), within(TOLERANCE));
            assertThat(points.get(i).y()).as("y of point %d", i)
                    .isCloseTo(point.get(1).doubleValue(), within(TOLERANCE));
            if (point.get(2).isNull()) {
                assertThat(points.get(i).threshold()).as("threshold of the anchor").isNull();
            } else {
                assertThat(points.get(i).threshold()).as("threshold of point %d", i)
                        .isEqualTo(point.get(2).doubleValue());
            }
        }
    }

    private static double trapezoids(List<CurvePoint> points) {
        double area = 0;
        for (int i = 1; i < points.size(); i++) {
            area += (points.get(i).x() - points.get(i - 1).x()) * (points.get(i).y() + points.get(i - 1).y()) / 2;
        }
        return area;
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).doubleValue();
        }
        return values;
    }
}

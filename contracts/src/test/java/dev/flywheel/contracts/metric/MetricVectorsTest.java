package dev.flywheel.contracts.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.Metric;

/**
 * The metrics agree with scikit-learn on the vectors {@code src/test/python/metric_vectors.py} generated
 * (random scores and labels, seeded; ties, imbalance, degenerate rankings).
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

        // When / Then
        assertThat(BinaryMetrics.averagePrecision(scores, labels))
                .isCloseTo(vector.get("average_precision").doubleValue(), within(TOLERANCE));
        assertThat(BinaryMetrics.rocAuc(scores, labels))
                .isCloseTo(vector.get("roc_auc").doubleValue(), within(TOLERANCE));
        assertThat(BinaryMetrics.logLoss(scores, labels))
                .isCloseTo(vector.get("log_loss").doubleValue(), within(TOLERANCE));
        assertThat(BinaryMetrics.f1(scores, labels, threshold))
                .isCloseTo(vector.get("f1").doubleValue(), within(TOLERANCE));
        assertThat(MetricScores.of(Metric.AVERAGE_PRECISION, scores, labels, threshold))
                .isEqualTo(BinaryMetrics.averagePrecision(scores, labels));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regressionCases")
    void regressionMetricsAgreeWithScikitLearn(String name, JsonNode vector) {
        double[] predictions = doubles(vector.get("predictions"));
        double[] labels = doubles(vector.get("labels"));

        assertThat(MetricScores.of(Metric.RMSE, predictions, labels, Double.NaN))
                .isCloseTo(vector.get("rmse").doubleValue(), within(TOLERANCE));
        assertThat(MetricScores.of(Metric.MAE, predictions, labels, Double.NaN))
                .isCloseTo(vector.get("mae").doubleValue(), within(TOLERANCE));
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

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).doubleValue();
        }
        return values;
    }
}

package dev.flywheel.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Perturbation drivers of a known logistic model: each contribution is the score's change, largest first. */
class ScoreDriversTest {

    @Test
    void eachFeatureContributesTheScoreChangeOfSettingItToItsTypicalValue() {
        // Given score = sigmoid(2·amount − night + 0·weekend), typical amount 1 and weekend 0, none for night
        ServingModel model = new Logistic();
        double[] row = {3.0, 1.0, 1.0};

        // When the row is explained
        ScoreDrivers.Explanation explanation = ScoreDrivers.explain(model, row);

        // Then the score is the model's, amount drove it most, weekend not at all, night is not judged
        double score = Logistic.sigmoid(2 * 3.0 - 1.0);
        assertThat(explanation.score()).isCloseTo(score, within(1e-12));
        assertThat(explanation.drivers()).extracting(ScoreDrivers.Driver::feature)
                .containsExactly("tx_amount", "tx_during_weekend", "tx_during_night");
        assertThat(explanation.drivers().get(0).contribution())
                .isCloseTo(score - Logistic.sigmoid(2 * 1.0 - 1.0), within(1e-12));
        assertThat(explanation.drivers().get(0).contribution()).isPositive();
        assertThat(explanation.drivers().get(1).contribution()).isCloseTo(0.0, within(1e-12));
        assertThat(explanation.drivers().get(2).contribution()).isNull();
        assertThat(explanation.drivers().get(2).typical()).isNull();
        assertThat(explanation.method()).startsWith("perturbation");
    }

    private static final class Logistic implements ServingModel {

        static double sigmoid(double z) {
            return 1 / (1 + Math.exp(-z));
        }

        @Override
        public String version() {
            return "7";
        }

        @Override
        public List<String> featureNames() {
            return List.of("tx_amount", "tx_during_night", "tx_during_weekend");
        }

        @Override
        public double threshold() {
            return 0.5;
        }

        @Override
        public double score(double[] features) {
            return sigmoid(2 * features[0] - features[1]);
        }

        @Override
        public Map<String, Double> typicalValues() {
            return Map.of("tx_amount", 1.0, "tx_during_weekend", 0.0);
        }

        @Override
        public Object metadata() {
            return Map.of();
        }

        @Override
        public void close() {
        }
    }
}

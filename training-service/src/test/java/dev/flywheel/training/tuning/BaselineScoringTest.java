package dev.flywheel.training.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.spec.BaselineRule;
import dev.flywheel.contracts.spec.Metric;
import dev.flywheel.model.LabelledMatrix;
import dev.flywheel.training.model.HoldoutEvaluation;

class BaselineScoringTest {

    private static final HoldoutEvaluation EVALUATION = new HoldoutEvaluation(Metric.AVERAGE_PRECISION, 0.5, "");

    @Test
    void theBaselinesMetricsAreTheOnesWorkedOutByHand() {
        // Given five held-out payments and the rule "amount > 220"
        //   amount  300  100  250   50  230
        //   label     1    0    0    0    1
        //   rule      1    0    1    0    1      -> TP 2, FP 1, FN 0
        LabelledMatrix test = new LabelledMatrix(
                new double[][] {{300, 0}, {100, 1}, {250, 0}, {50, 0}, {230, 1}}, new double[] {1, 0, 0, 0, 1});

        // When the baseline is scored like a candidate
        CandidateSearch.Baseline baseline = CandidateSearch.baseline(BaselineRule.parse("amount > 220"),
                List.of("amount", "night"), test, EVALUATION);

        // Then precision 2/3 and recall 1 give F1 0.8; with two score levels, average precision is the
        // precision at the only threshold, 2/3; ROC AUC: each positive beats two negatives and ties one,
        // (1 + 1 + 0.5) / 3 = 5/6
        assertThat(baseline.report().status()).isEqualTo(CandidateReport.EVALUATED);
        assertThat(baseline.report().message()).isEqualTo("amount > 220");
        assertThat(baseline.report().metrics().get("f1")).isCloseTo(0.8, within(1e-12));
        assertThat(baseline.report().metrics().get("average_precision")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(baseline.report().metrics().get("roc_auc")).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(baseline.score()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void theOutcomeSaysWhetherTheWinnerBeatsTheBaseline() {
        // Given the baseline above (average precision 2/3)
        LabelledMatrix test = new LabelledMatrix(
                new double[][] {{300}, {100}, {250}, {50}, {230}}, new double[] {1, 0, 0, 0, 1});
        CandidateSearch.Baseline baseline = CandidateSearch.baseline(BaselineRule.parse("amount > 220"),
                List.of("amount"), test, EVALUATION);

        // Then a winner at 0.9 beats it, one that only ties it or falls below does not, and without a
        // baseline there is no answer
        assertThat(outcome(0.9, baseline).winnerBeatsBaseline(EVALUATION)).contains(true);
        assertThat(outcome(2.0 / 3, baseline).winnerBeatsBaseline(EVALUATION)).contains(false);
        assertThat(outcome(0.5, baseline).winnerBeatsBaseline(EVALUATION)).contains(false);
        assertThat(outcome(0.9, null).winnerBeatsBaseline(EVALUATION)).isEmpty();
    }

    private static CandidateSearch.Outcome outcome(double winnerScore, CandidateSearch.Baseline baseline) {
        return new CandidateSearch.Outcome(List.of(),
                Optional.of(new CandidateSearch.Winner("m", "mlp", null, Map.of(), winnerScore)),
                Optional.ofNullable(baseline));
    }
}

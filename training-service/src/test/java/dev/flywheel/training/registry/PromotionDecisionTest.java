package dev.flywheel.training.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.spec.Metric;
import dev.flywheel.training.model.HoldoutEvaluation;

class PromotionDecisionTest {

    private static final HoldoutEvaluation AP = new HoldoutEvaluation(Metric.AVERAGE_PRECISION, 0.5, "");
    private static final HoldoutEvaluation LOG_LOSS = new HoldoutEvaluation(Metric.LOG_LOSS, 0.5, "");

    @Test
    void theFirstModelIsPromoted() {
        PromotionDecision decision = PromotionDecision.decide(AP, "1", 0.61, Optional.empty());

        assertThat(decision.promote()).isTrue();
        assertThat(decision.reason()).isEqualTo("first model of the pipeline: average_precision 0.6100 on the holdout");
    }

    @Test
    void aBetterChallengerIsPromotedWithBothScores() {
        PromotionDecision decision = PromotionDecision.decide(AP, "4", 0.71,
                Optional.of(PromotionDecision.Champion.scored("3", 0.52)));

        assertThat(decision.promote()).isTrue();
        assertThat(decision.reason()).isEqualTo("better average_precision than 3 (0.7100 vs 0.5200) on the same holdout");
    }

    @Test
    void aTieOrAWorseChallengerKeepsTheChampion() {
        PromotionDecision tie = PromotionDecision.decide(AP, "4", 0.52,
                Optional.of(PromotionDecision.Champion.scored("3", 0.52)));
        PromotionDecision worse = PromotionDecision.decide(AP, "4", 0.40,
                Optional.of(PromotionDecision.Champion.scored("3", 0.52)));

        assertThat(tie.promote()).isFalse();
        assertThat(worse.promote()).isFalse();
        assertThat(worse.reason()).contains("0.4000 of 4 not better than champion 3 (0.5200)");
    }

    @Test
    void lowerIsBetterForLogLoss() {
        assertThat(PromotionDecision.decide(LOG_LOSS, "2", 0.10,
                Optional.of(PromotionDecision.Champion.scored("1", 0.20))).promote()).isTrue();
        assertThat(PromotionDecision.decide(LOG_LOSS, "2", 0.30,
                Optional.of(PromotionDecision.Champion.scored("1", 0.20))).promote()).isFalse();
    }

    @Test
    void aChampionThatCannotScoreTheNewDataIsReplaced() {
        PromotionDecision decision = PromotionDecision.decide(AP, "2", 0.3,
                Optional.of(PromotionDecision.Champion.unscorable("1", "examples have no feature 'old'")));

        assertThat(decision.promote()).isTrue();
        assertThat(decision.reason()).contains("champion 1 could not be scored").contains("no feature 'old'");
    }
}

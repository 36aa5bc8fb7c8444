package dev.flywheel.training.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.spec.ModelCandidate;
import dev.flywheel.contracts.spec.ModelType;

class CandidatePlanTest {

    @Test
    void unsupportedTypesAndBadParamsAreSkippedWithAReason() {
        // Given an mlp, an xgboost, a random forest and a logistic regression with a misspelt param
        CandidatePlan plan = CandidatePlan.of(List.of(
                new ModelCandidate("mlp", ModelType.MLP, Map.of("hidden", List.of(8), "epochs", 3, "batchSize", 100)),
                new ModelCandidate("boost", ModelType.XGBOOST, Map.of("rounds", 20)),
                new ModelCandidate("forest", ModelType.RANDOM_FOREST, Map.of()),
                new ModelCandidate("lr", ModelType.LOGISTIC_REGRESSION, Map.of("epoch", 3))));

        // Then the mlp and the xgboost train, and the others say why not
        assertThat(plan.trainable()).extracting(planned -> planned.candidate().name()).containsExactly("mlp", "boost");
        assertThat(plan.skipped()).extracting(CandidateReport::name, CandidateReport::status)
                .containsExactly(tuple("forest", "skipped"), tuple("lr", "skipped"));
        assertThat(plan.skipped().get(0).message()).isEqualTo("model type 'random_forest' is not supported yet");
        assertThat(plan.skipped().get(1).message()).contains("unknown params [epoch]");
        // 3 epochs of ceil(250 / 100) = 3 batches, and one step per boosting round
        assertThat(plan.totalSteps(250)).isEqualTo(9 + 20);
    }

    @Test
    void badXgboostParamsAreSkippedWithTheFamilysMessage() {
        CandidatePlan plan = CandidatePlan.of(List.of(
                new ModelCandidate("boost", ModelType.XGBOOST, Map.of("max_depth", 3))));

        assertThat(plan.trainable()).isEmpty();
        assertThat(plan.skipped().get(0).message()).startsWith("unknown params [max_depth] for xgboost");
    }
}

package dev.flywheel.training.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.spec.ModelCandidate;
import dev.flywheel.contracts.spec.ModelType;
import dev.flywheel.contracts.spec.SearchDimension;
import dev.flywheel.contracts.spec.SearchSpace;
import dev.flywheel.contracts.spec.TuningSpec;

/** How {@link CandidatePlan} checks a search space against the family and plans the trials, before any training. */
class TuningPlanTest {

    private static final Optional<TuningSpec> BUDGET = Optional.of(new TuningSpec(6, Optional.of(Duration.ofMinutes(1)),
            Optional.of(new TuningSpec.Halving(3, 1)), 2, 11, 0.2));

    private static ModelCandidate searched(String name, ModelType type, Map<String, Object> params,
                                           Map<String, SearchDimension> search) {
        return new ModelCandidate(name, type, params, Optional.of(new SearchSpace(new LinkedHashMap<>(search))));
    }

    @Test
    void aSoundSearchIsSampledAndItsEveryTrainingCountedForProgress() {
        // Given an mlp of 4 epochs searching its learning rate and layers, 6 trials, halving from 1 epoch
        ModelCandidate mlp = searched("mlp", ModelType.MLP, Map.of("epochs", 4, "batchSize", 100), Map.of(
                "learningRate", new SearchDimension.Range(1e-3, 1e-1, true, false),
                "hidden", new SearchDimension.Choice(List.of(List.of(4), List.of(8)))));

        // When
        CandidatePlan plan = CandidatePlan.of(List.of(mlp), BUDGET);

        // Then 6 configurations, rungs 6×1 → 2×3 → 1×4 epochs, and the steps of all of them plus the refit:
        // trials fit on 200 of 250 rows (2 batches an epoch), the refit on 250 (3 batches an epoch)
        TuningPlan tuning = plan.trainable().get(0).tuning().orElseThrow();
        assertThat(tuning.configurations()).hasSize(6)
                .isEqualTo(CandidatePlan.of(List.of(mlp), BUDGET).trainable().get(0).tuning().orElseThrow()
                        .configurations());
        assertThat(tuning.schedule().rungs()).extracting(HalvingSchedule.Rung::resource, HalvingSchedule.Rung::trials)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 6), org.assertj.core.groups.Tuple.tuple(3, 2),
                        org.assertj.core.groups.Tuple.tuple(4, 1));
        assertThat(plan.totalSteps(250)).isEqualTo(2L * (6 + 2 * 3 + 4) + 3 * 4);
    }

    @Test
    void searchProblemsSkipTheCandidateNamingTheSpecPath() {
        // Given searches the families refuse: an unknown param, an end out of range, a bad choice, the halving
        // resource itself, and a first rung above the full resource
        CandidatePlan plan = CandidatePlan.of(List.of(
                searched("a", ModelType.MLP, Map.of(), Map.of("momentum", new SearchDimension.Range(0, 1, false, false))),
                searched("b", ModelType.XGBOOST, Map.of(), Map.of("maxDepth", new SearchDimension.Range(0, 8, false, true))),
                searched("c", ModelType.XGBOOST, Map.of(), Map.of("eta", new SearchDimension.Choice(List.of(0.1, 2.0)))),
                searched("d", ModelType.LOGISTIC_REGRESSION, Map.of(),
                        Map.of("epochs", new SearchDimension.Range(2, 9, false, true))),
                searched("e", ModelType.LOGISTIC_REGRESSION, Map.of("epochs", 1),
                        Map.of("learningRate", new SearchDimension.Range(0.001, 0.1, true, false))),
                searched("f", ModelType.XGBOOST, Map.of(), Map.of("maxDepth", new SearchDimension.Range(2, 6, false,
                        false)))), Optional.of(new TuningSpec(4, Optional.empty(),
                Optional.of(new TuningSpec.Halving(3, 2)), 1, 1, 0.2)));

        // Then
        assertThat(plan.trainable()).isEmpty();
        assertThat(plan.skipped()).extracting(CandidateReport::message).containsExactly(
                "model.candidates[0].search.momentum: unknown param for mlp; allowed: [batchSize, epochs, hidden,"
                        + " learningRate, positiveWeight, seed]",
                "model.candidates[1].search.maxDepth.min: maxDepth must be >= 1 but was 0",
                "model.candidates[2].search.eta[1]: eta must be in (0, 1] but was 2.0",
                "model.candidates[3].search.epochs: epochs is the halving resource of logistic_regression; fix the full"
                        + " epochs in params, or drop model.training.tuning.halving",
                "model.training.tuning.halving.minResource: 2 is above the full epochs of candidate e (1)",
                "model.candidates[5].search.maxDepth.min: maxDepth must be a whole number but was 2.0");
    }

    @Test
    void withoutHalvingTheResourceMayBeSearchedAndCandidatesWithoutSearchTrainOnce() {
        CandidatePlan plan = CandidatePlan.of(List.of(
                searched("lr", ModelType.LOGISTIC_REGRESSION, Map.of(),
                        Map.of("epochs", new SearchDimension.Range(2, 9, false, true))),
                new ModelCandidate("boost", ModelType.XGBOOST, Map.of("rounds", 20))),
                Optional.of(new TuningSpec(3, Optional.empty(), Optional.empty(), 1, 5, 0.2)));

        assertThat(plan.trainable().get(0).tuning().orElseThrow().schedule().rungs()).hasSize(1);
        assertThat(plan.trainable().get(0).tuning().orElseThrow().configurations()).hasSize(3)
                .allSatisfy(c -> assertThat((Integer) c.get("epochs")).isBetween(2, 9));
        assertThat(plan.trainable().get(1).tuning()).isEmpty();
    }
}

package dev.flywheel.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.spec.ModelType;

class TrainingParamsTest {

    @Test
    void specParamsOverrideDefaults() {
        TrainingParams params = TrainingParams.of(ModelType.MLP,
                Map.of("hidden", List.of(32, 16), "epochs", 8, "learningRate", 0.001));

        assertThat(params.hidden()).containsExactly(32, 16);
        assertThat(params.epochs()).isEqualTo(8);
        assertThat(params.batchSize()).isEqualTo(256);
        assertThat(params.positiveWeight()).isEmpty();
        assertThat(params.asMap()).containsEntry("positiveWeight", "balanced").containsEntry("seed", 42);
    }

    @Test
    void logisticRegressionHasNoHiddenLayer() {
        assertThat(TrainingParams.of(ModelType.LOGISTIC_REGRESSION, Map.of()).hidden()).isEmpty();

        assertThatThrownBy(() -> TrainingParams.of(ModelType.LOGISTIC_REGRESSION, Map.of("hidden", List.of(4))))
                .hasMessageContaining("unknown params [hidden]");
    }

    @Test
    void unknownKeysAndWrongValuesAreNamed() {
        assertThatThrownBy(() -> TrainingParams.of(ModelType.MLP, Map.of("epoch", 3, "lr", 0.1)))
                .hasMessageContaining("unknown params [epoch, lr]")
                .hasMessageContaining("allowed: [batchSize, epochs, hidden, learningRate, positiveWeight, seed]");
        assertThatThrownBy(() -> TrainingParams.of(ModelType.MLP, Map.of("epochs", 0)))
                .hasMessageContaining("epochs must be >= 1");
        assertThatThrownBy(() -> TrainingParams.of(ModelType.MLP, Map.of("hidden", 32)))
                .hasMessageContaining("hidden must be a list");
    }

    @Test
    void otherModelTypesAreNotSupportedYet() {
        assertThatThrownBy(() -> TrainingParams.of(ModelType.XGBOOST, Map.of()))
                .hasMessageContaining("'xgboost' is not supported yet");
    }

    @Test
    void eachFamilyNamesItsParamsAndItsHalvingResource() {
        // Given / When / Then: what a search space may name, and what successive halving varies
        assertThat(ModelFamilies.paramNames(ModelType.MLP)).contains("hidden", "epochs", "learningRate");
        assertThat(ModelFamilies.paramNames(ModelType.LOGISTIC_REGRESSION)).contains("epochs").doesNotContain("hidden");
        assertThat(ModelFamilies.paramNames(ModelType.XGBOOST)).contains("rounds", "maxDepth", "eta");
        assertThat(ModelFamilies.paramNames(ModelType.RANDOM_FOREST)).isEmpty();
        CandidateTraining network = ModelFamilies.training(ModelType.LOGISTIC_REGRESSION, Map.of("epochs", 7));
        CandidateTraining boosted = ModelFamilies.training(ModelType.XGBOOST, Map.of());
        assertThat(List.of(network.resourceParam(), network.resource())).containsExactly("epochs", 7);
        assertThat(List.of(boosted.resourceParam(), boosted.resource())).containsExactly("rounds", 100);
    }
}

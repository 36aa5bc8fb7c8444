package dev.flywheel.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flywheel.contracts.spec.BaselineRule;

class RuleModelTest {

    private static final List<String> FEATURES = List.of("amount", "night", "risk");

    @TempDir
    Path registry;

    @Test
    void aRuleScoresOneWhereItHoldsAndZeroElsewhere() {
        // Given (amount > 220 and night == 1) or risk >= 0.5
        RuleModel model = new RuleModel(BaselineRule.parse("amount > 220 and night == 1 or risk >= 0.5"), FEATURES);

        // When it scores rows worked out by hand
        double[][] rows = {
                {300, 1, 0.0},   // first group holds
                {300, 0, 0.1},   // night is 0, risk low: neither
                {100, 1, 0.5},   // second group holds (>=)
                {220, 1, 0.49},  // amount not above 220, risk just below
        };
        try (Scorer scorer = model.scorer()) {

            // Then
            assertThat(scorer.scoreBatch(rows)).containsExactly(1, 0, 1, 0);
        }
    }

    @Test
    void aRegisteredRuleLoadsBackAndScoresTheSame() {
        // Given the rule written as a version
        RuleModel model = new RuleModel(BaselineRule.parse("amount > 220"), FEATURES);
        Path versionDir = RegistryLayout.versionDir(registry, "card-fraud", "1");
        ModelMetadata written = ModelArtifacts.write(versionDir, new ModelMetadata(ModelMetadata.FORMAT_VERSION,
                "card-fraud", "1", "baseline", RuleModel.MODEL_TYPE, FEATURES, List.of(), null, 0.5,
                model.effectiveParams(), 1, Map.of(), List.of(), 0, 10, "manual", Instant.now(), Duration.ZERO), model);

        // When it is loaded
        try (LoadedModel loaded = ModelArtifacts.load(versionDir)) {

            // Then it scores with the same rule, and its file is checksummed
            assertThat(loaded.scorer().scoreBatch(new double[][] {{221, 0, 0}, {220, 0, 0}})).containsExactly(1, 0);
            assertThat(written.artifacts()).containsOnlyKeys("rule.json");
        }
    }

    @Test
    void aRuleOverFeaturesTheModelLacksIsRefused() {
        assertThatThrownBy(() -> new RuleModel(BaselineRule.parse("velocity > 3"), FEATURES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[velocity]");
    }
}

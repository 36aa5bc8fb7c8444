package dev.flywheel.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.json.Json;

/** The recorded cleaning: the same rows out in training and serving, and a model.json that keeps it. */
class CleaningStepsTest {

    // Given: b dropped (collinear), a imputed with 5 and clipped to [0, 10], c rows outside [-1, 1] dropped
    private static final CleaningSteps STEPS = new CleaningSteps(List.of("a", "b", "c"), List.of("a", "c"), List.of(
            new CleaningSteps.Step(CleaningSteps.DROP_COLUMN, "b", null, null, null, "collinear with a"),
            new CleaningSteps.Step(CleaningSteps.IMPUTE, "a", 5.0, null, null, "median"),
            new CleaningSteps.Step(CleaningSteps.CLIP, "a", null, 0.0, 10.0, "IQR fences"),
            new CleaningSteps.Step(CleaningSteps.DROP_ROWS_OUTSIDE, "c", null, -1.0, 1.0, "IQR fences")));

    @Test
    void trainingDropsTheColumnImputesClipsAndDropsRows() {
        assertThat(STEPS.clean(new double[] {Double.NaN, 7, 0.5})).containsExactly(5.0, 0.5);
        assertThat(STEPS.clean(new double[] {42, 7, -0.5})).containsExactly(10.0, -0.5);
        assertThat(STEPS.clean(new double[] {3, 7, 2})).isNull();
    }

    @Test
    void servingImputesAndClipsTheModelsFeaturesButNeverDropsARequest() {
        double[] request = {Double.NaN, 2};

        assertThat(STEPS.applyTo(request)).containsExactly(5.0, 2.0);
        assertThat(STEPS.applyTo(new double[] {-3, 0})).containsExactly(0.0, 0.0);
        assertThat(request).as("the caller's row is not changed").containsExactly(Double.NaN, 2);
        // a training row and its served counterpart agree where training keeps the row
        double[] raw = {12, 1, 0.25};
        assertThat(STEPS.applyTo(new double[] {raw[0], raw[2]})).containsExactly(STEPS.clean(raw));
    }

    @Test
    void stepsThatCannotRunAreRefusedWithTheColumnAndReason() {
        assertThatThrownBy(() -> new CleaningSteps(List.of("a"), List.of("a"), List.of(
                new CleaningSteps.Step(CleaningSteps.CLIP, "a", null, 3.0, 1.0, ""))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clip of a needs bounds");
        assertThatThrownBy(() -> new CleaningSteps(List.of("a"), List.of("a"), List.of(
                new CleaningSteps.Step(CleaningSteps.IMPUTE, "z", 1.0, null, null, ""))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'z'");
        assertThatThrownBy(() -> new CleaningSteps(List.of("a"), List.of("a"), List.of(
                new CleaningSteps.Step("winsorise", "a", 1.0, null, null, ""))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown cleaning action 'winsorise'");
    }

    @Test
    void metadataKeepsTheCleaningAndOldMetadataReadsWithout() throws Exception {
        // Given metadata of a model trained on the kept features with that cleaning
        ModelMetadata metadata = new ModelMetadata(ModelMetadata.FORMAT_VERSION, "card-fraud", "3", "mlp", "mlp",
                List.of("a", "c"), List.of(4), new Standardisation(new double[2], new double[] {1, 1}), 0.5, Map.of(),
                1, Map.of("roc_auc", 0.9), List.of(), 10, 5, "manual", Instant.parse("2026-11-27T20:00:00Z"),
                Duration.ofSeconds(3), STEPS);

        // When written and read as model.json
        String json = Json.mapper().writeValueAsString(metadata);
        ModelMetadata read = Json.mapper().readValue(json, ModelMetadata.class);

        // Then the steps come back, and a model.json written before cleaning existed reads with none
        assertThat(read.cleaning()).isEqualTo(STEPS);
        assertThat(read).isEqualTo(metadata);
        ObjectNode old = (ObjectNode) Json.mapper().readTree(json);
        old.remove("cleaning");
        assertThat(Json.mapper().treeToValue(old, ModelMetadata.class).cleaning()).isNull();
        assertThatThrownBy(() -> new ModelMetadata(ModelMetadata.FORMAT_VERSION, "card-fraud", "3", "mlp", "mlp",
                List.of("a", "b"), List.of(4), new Standardisation(new double[2], new double[] {1, 1}), 0.5, Map.of(),
                1, Map.of(), List.of(), 10, 5, "manual", Instant.now(), Duration.ZERO, STEPS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the cleaning keeps [a, c]");
    }
}

package dev.flywheel.contracts.spec;

import static dev.flywheel.contracts.spec.TestSpecs.minimalWith;
import static dev.flywheel.contracts.spec.TestSpecs.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** {@code model.training.cleaning}: the cleaning a training fits on its training slice and applies. */
class TrainingCleaningSpecTest {

    @Test
    void cleaningIsBoundWithEveryKey() {
        // Given
        String yaml = minimalWith("  task: binary_classification\n", "  task: binary_classification\n"
                + "  training:\n    cleaning: {nulls: impute_median, outliers: clip, collinear: drop, threshold: 0.95}\n");

        // When
        PipelineSpec spec = PipelineSpecs.parse("cleaning.yaml", yaml);

        // Then
        assertThat(spec.model().training().cleaning()).contains(new CleaningSpec(CleaningSpec.Nulls.IMPUTE_MEDIAN,
                CleaningSpec.Outliers.CLIP, CleaningSpec.Collinear.DROP, 0.95));
    }

    @Test
    void omittedKeysLeaveTheDataAsItIs() {
        String yaml = minimalWith("  task: binary_classification\n",
                "  task: binary_classification\n  training: {cleaning: {outliers: drop_rows}}\n");

        CleaningSpec cleaning = PipelineSpecs.parse("cleaning.yaml", yaml).model().training().cleaning().orElseThrow();

        assertThat(cleaning).isEqualTo(new CleaningSpec(CleaningSpec.Nulls.KEEP, CleaningSpec.Outliers.DROP_ROWS,
                CleaningSpec.Collinear.KEEP, CleaningSpec.DEFAULT_COLLINEAR_THRESHOLD));
    }

    @Test
    void withoutTheKeyThereIsNoCleaning() {
        PipelineSpec spec = PipelineSpecs.parse("minimal.yaml", TestSpecs.resource("minimal.yaml"));

        assertThat(spec.model().training().cleaning()).isEqualTo(Optional.empty());
    }

    @Test
    void unknownActionsAThresholdWithoutDroppingAndUnknownKeysAreRefused() {
        // Given
        String yaml = minimalWith("  task: binary_classification\n", "  task: binary_classification\n"
                + "  training:\n    cleaning: {nulls: guess, outliers: clip, threshold: 0.8, winsorise: true}\n");

        // When
        List<SpecProblem> problems = problemsOf("cleaning.yaml", yaml);

        // Then each problem names its key
        assertThat(problems).extracting(SpecProblem::path).containsExactlyInAnyOrder(
                "model.training.cleaning.winsorise", "model.training.cleaning.nulls",
                "model.training.cleaning.threshold");
        assertThat(problems).extracting(SpecProblem::path, SpecProblem::message).contains(
                tuple("model.training.cleaning.threshold", "threshold applies only with collinear: drop"));
        assertThat(problems).filteredOn(problem -> problem.path().endsWith("nulls")).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("guess").contains("impute_median"));
    }

    @Test
    void theThresholdIsAnAbsoluteCorrelation() {
        String yaml = minimalWith("  task: binary_classification\n", "  task: binary_classification\n"
                + "  training: {cleaning: {collinear: drop, threshold: 1.5}}\n");

        assertThat(problemsOf("cleaning.yaml", yaml)).extracting(SpecProblem::path)
                .containsExactly("model.training.cleaning.threshold");
    }
}

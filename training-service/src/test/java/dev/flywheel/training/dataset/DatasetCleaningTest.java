package dev.flywheel.training.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.spec.CleaningSpec;
import dev.flywheel.contracts.spec.TrainingSpec;
import dev.flywheel.model.CleaningSteps;
import dev.flywheel.model.LabelledMatrix;

/** {@code model.training.cleaning}: fitted on the training slice only, the same steps on both slices. */
class DatasetCleaningTest {

    private static final Instant DAY0 = Instant.parse("2018-04-01T00:00:00Z");
    private static final List<String> FEATURES = List.of("amount", "amount_copy", "hour");
    private static final CleaningSpec CLEANING = new CleaningSpec(CleaningSpec.Nulls.IMPUTE_MEDIAN,
            CleaningSpec.Outliers.CLIP, CleaningSpec.Collinear.DROP, 0.95);

    private final List<LabelledRow> examples = new ArrayList<>();

    @BeforeEach
    void givenAmountsThatGrowOverTimeWithACopyNullsAndOneHugeHour() {
        // 200 examples: amount = i (so the later held-out slice has larger amounts than training ever saw),
        // amount_copy = amount + a little (collinear), hour NULL every 10th example and 1000 once in training;
        // every 4th example is a fraud, its amount_copy a little larger so amount_copy is the one to keep
        for (int i = 0; i < 200; i++) {
            double label = i % 4 == 0 ? 1 : 0;
            double hour = i % 10 == 3 ? Double.NaN : i == 50 ? 1000 : i % 24;
            examples.add(new LabelledRow("e" + i, DAY0.plusSeconds(60L * i), new double[] {i, i + 3 * label, hour},
                    label));
        }
    }

    @Test
    void thePlanIsFittedOnTheTrainingSliceOnlyAndAppliedToBoth() throws Exception {
        // When assembled with a 25 % holdout and the cleaning
        Dataset dataset = DatasetAssembler.assemble(examples, FEATURES, training(Optional.of(CLEANING)));

        // Then 'amount' is dropped as the copy's weaker twin, hour's NULLs are usable and imputed
        assertThat(dataset.featureNames()).containsExactly("amount_copy", "hour");
        assertThat(dataset.summary().unusable()).isZero();
        assertThat(dataset.summary()).extracting(DatasetSummary::trainRows, DatasetSummary::testRows)
                .containsExactly(150, 50);
        CleaningSteps steps = dataset.cleaning();
        assertThat(steps.steps()).extracting(CleaningSteps.Step::action, CleaningSteps.Step::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple("drop_column", "amount"),
                org.assertj.core.groups.Tuple.tuple("impute", "hour"),
                org.assertj.core.groups.Tuple.tuple("clip", "hour"));

        // And the figures come from the 150 training rows: the median hour of training, not of all rows
        double trainingMedianHour = median(examples.subList(0, 150).stream().mapToDouble(row -> row.features()[2])
                .filter(value -> !Double.isNaN(value)).toArray());
        assertThat(steps.steps().get(1).value()).isCloseTo(trainingMedianHour, within(1e-9));
        double upperFence = steps.steps().get(2).high();
        assertThat(upperFence).isLessThan(1000).isGreaterThanOrEqualTo(23);

        // And both slices went through the same steps: no NULL left, the huge hour clipped to the fence
        LabelledMatrix train = dataset.trainMatrix();
        LabelledMatrix test = dataset.testMatrix();
        assertThat(List.of(train.rows())).allSatisfy(row -> assertThat(row).hasSize(2).doesNotContain(Double.NaN));
        assertThat(List.of(test.rows())).allSatisfy(row -> assertThat(row).hasSize(2).doesNotContain(Double.NaN));
        assertThat(train.rows()[50][1]).isEqualTo(upperFence);
        assertThat(test.rows()[3 + 10 - 150 % 10][1]).as("hour of e163, NULL as read").isEqualTo(trainingMedianHour);

        // And the summary records the plan with what it did
        DatasetCleaning cleaning = dataset.summary().cleaning();
        assertThat(cleaning.plan().servable()).isEqualTo(steps);
        assertThat(cleaning.imputedValues()).isEqualTo(20);
        assertThat(cleaning.clippedValues()).isEqualTo(1);
        assertThat(cleaning.trainRowsDropped() + cleaning.testRowsDropped()).isZero();
    }

    @Test
    void assemblingTwiceGivesTheSameRowsAndSteps() throws Exception {
        Dataset once = DatasetAssembler.assemble(examples, FEATURES, training(Optional.of(CLEANING)));
        Dataset again = DatasetAssembler.assemble(new ArrayList<>(examples), FEATURES, training(Optional.of(CLEANING)));

        assertThat(again.cleaning()).isEqualTo(once.cleaning());
        assertThat(again.testMatrix().rows()).isDeepEqualTo(once.testMatrix().rows());
    }

    @Test
    void aChampionIsJudgedOnTheSameRowsAsItIsServed() throws Exception {
        // Given a dataset cleaned by this spec
        Dataset dataset = DatasetAssembler.assemble(examples, FEATURES, training(Optional.of(CLEANING)));

        // When a champion trained on all three features, with its own imputation of hour by 99, is judged
        CleaningSteps championCleaning = new CleaningSteps(FEATURES, FEATURES, List.of(new CleaningSteps.Step(
                CleaningSteps.IMPUTE, "hour", 99.0, null, null, "its own median")));
        LabelledMatrix championView = dataset.testMatrix(FEATURES, championCleaning);

        // Then it sees the same 50 held-out rows, as read, through its own cleaning
        assertThat(championView.size()).isEqualTo(dataset.testMatrix().size());
        assertThat(championView.labels()).containsExactly(dataset.testMatrix().labels());
        assertThat(championView.rows()[0]).as("e150, a genuine payment").containsExactly(150, 150, 150 % 24);
        assertThat(championView.rows()[13][2]).as("e163's NULL hour, imputed the champion's way").isEqualTo(99.0);
    }

    @Test
    void withoutCleaningAnExampleMissingAFeatureStaysUnusable() throws Exception {
        Dataset dataset = DatasetAssembler.assemble(examples, FEATURES, training(Optional.empty()));

        assertThat(dataset.summary().unusable()).isEqualTo(20);
        assertThat(dataset.featureNames()).isEqualTo(FEATURES);
        assertThat(dataset.cleaning()).isNull();
        assertThat(dataset.summary().cleaning()).isNull();
    }

    @Test
    void droppingRowsWithNullsCountsThemPerSlice() throws Exception {
        CleaningSpec dropRows = new CleaningSpec(CleaningSpec.Nulls.DROP_ROWS, CleaningSpec.Outliers.KEEP,
                CleaningSpec.Collinear.KEEP, 0.9);

        Dataset dataset = DatasetAssembler.assemble(examples, FEATURES, training(Optional.of(dropRows)));

        assertThat(dataset.summary().cleaning()).extracting(DatasetCleaning::trainRowsDropped,
                DatasetCleaning::testRowsDropped).containsExactly(15, 5);
        assertThat(dataset.summary().used()).isEqualTo(180);
        assertThat(dataset.testMatrix(FEATURES, null).size()).isEqualTo(45);
    }

    private static TrainingSpec training(Optional<CleaningSpec> cleaning) {
        return new TrainingSpec(0.25, 100, 1, Optional.empty(), Duration.ofDays(30), cleaning);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

package dev.flywheel.training.eda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.model.CleaningSteps;

/** The cleaning a profile calls for, applied the same way every time. */
class CleaningPlanTest {

    private static final List<String> FEATURES = List.of("a", "b", "c", "flag");

    private final List<double[]> rows = new ArrayList<>();
    private DatasetProfile profile;

    @BeforeEach
    void givenRowsWithACollinearPairNullsAndAnOutlier() {
        // a and b are nearly the same, b a little closer to the label; c has NULLs every 10th row and one 1000;
        // flag is 0/1 with few ones (Tukey calls them outliers, cleaning must not)
        SplittableRandom random = new SplittableRandom(5);
        DatasetProfiler profiler = DatasetProfiler.numeric(List.of("a", "b", "c", "flag", "label"), "label",
                ProfileOptions.defaults());
        for (int i = 0; i < 500; i++) {
            double x = random.nextDouble() * 10;
            double y = random.nextDouble() < 0.2 ? 1 : 0;
            double c = i == 7 ? 1000 : i % 10 == 0 ? Double.NaN : i % 100;
            double[] row = {x, x + 0.5 * y, c, i % 20 == 0 ? 1 : 0, y};
            profiler.addRow(row);
            rows.add(java.util.Arrays.copyOf(row, 4));
        }
        profile = profiler.finish("cleaning");
    }

    @Test
    void thePlanDropsTheWeakerOfTheCollinearPairImputesAndClips() {
        CleaningPlan plan = CleaningPlan.from(profile, FEATURES, new CleaningOptions(CleaningOptions.Nulls.IMPUTE_MEDIAN,
                CleaningOptions.Outliers.CLIP, true));

        assertThat(plan.kept()).containsExactly("b", "c", "flag");
        assertThat(plan.steps()).extracting(CleaningSteps.Step::action, CleaningSteps.Step::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple("drop_column", "a"),
                org.assertj.core.groups.Tuple.tuple("impute", "c"),
                org.assertj.core.groups.Tuple.tuple("clip", "c"));
        assertThat(plan.steps().get(0).reason()).startsWith("collinear with b");
        ColumnProfile c = profile.columns().get(2);
        assertThat(plan.steps().get(1).value()).isEqualTo(c.median());
        assertThat(plan.steps().get(2).high()).isEqualTo(c.boxPlot().upperFence());

        CleaningPlan.Cleaned cleaned = plan.apply(rows);

        assertThat(cleaned.columns()).containsExactly("b", "c", "flag");
        assertThat(cleaned.rows()).hasSize(500).allSatisfy(row -> {
            assertThat(row).hasSize(3).doesNotContain(Double.NaN);
            assertThat(row[1]).isLessThanOrEqualTo(c.boxPlot().upperFence());
        });
        assertThat(cleaned.imputedValues()).isEqualTo(c.nulls());
        assertThat(cleaned.clippedValues()).isEqualTo(1);
        assertThat(cleaned.rows()).filteredOn(row -> row[2] == 1.0).hasSize(25);
    }

    @Test
    void droppingRowsRemovesTheNullsAndTheOutlier() {
        CleaningPlan plan = CleaningPlan.from(profile, FEATURES, new CleaningOptions(CleaningOptions.Nulls.DROP_ROWS,
                CleaningOptions.Outliers.DROP_ROWS, false));

        CleaningPlan.Cleaned cleaned = plan.apply(rows);

        assertThat(cleaned.columns()).isEqualTo(FEATURES);
        assertThat(cleaned.droppedRows()).isEqualTo(50 + 1);
        assertThat(cleaned.rows()).hasSize(449);
    }

    @Test
    void aPlanIsRecordedAsJsonAndAppliesTheSameAfterReadingBack() throws Exception {
        CleaningPlan plan = CleaningPlan.from(profile, FEATURES, new CleaningOptions(CleaningOptions.Nulls.IMPUTE_MEAN,
                CleaningOptions.Outliers.CLIP, true));

        String json = Json.mapper().writeValueAsString(plan);
        CleaningPlan read = Json.mapper().readValue(json, CleaningPlan.class);

        assertThat(read).isEqualTo(plan);
        List<double[]> once = plan.apply(rows).rows();
        List<double[]> again = read.apply(rows).rows();
        for (int i = 0; i < once.size(); i++) {
            assertThat(again.get(i)).containsExactly(once.get(i));
        }
    }

    @Test
    void noOptionsNoSteps() {
        CleaningPlan plan = CleaningPlan.from(profile, FEATURES, CleaningOptions.none());

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.apply(rows).rows()).hasSize(500);
    }
}

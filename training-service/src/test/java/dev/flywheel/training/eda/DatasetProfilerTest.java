package dev.flywheel.training.eda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Beyond the exact bounds the profile switches to sketches and a sample; these tests hold the estimates to
 * the exact figures of the same data, within the sketches' stated errors.
 */
class DatasetProfilerTest {

    @Test
    void sketchesEstimateQuartilesDistinctAndOutliersWithinTheirErrors() {
        // Given 200,000 rows of a uniform and a normal column, with exact bounds far below that
        int rows = 200_000;
        SplittableRandom random = new SplittableRandom(1);
        double[] uniform = new double[rows];
        double[] normal = new double[rows];
        DatasetProfiler profiler = DatasetProfiler.numeric(List.of("uniform", "normal"), null,
                ProfileOptions.defaults().withBounds(1_000, 1_000, 5_000));
        for (int i = 0; i < rows; i++) {
            uniform[i] = random.nextDouble() * 100;
            normal[i] = gaussian(random);
            profiler.addRow(new double[] {uniform[i], normal[i]});
        }

        // When it is profiled
        DatasetProfile profile = profiler.finish("generated");

        // Then quartiles are within the KLL rank error of the exact ones, distinct within the HLL's
        ColumnProfile u = profile.columns().get(0);
        assertThat(u.quantilesExact()).isFalse();
        assertThat(u.distinctExact()).isFalse();
        Arrays.sort(uniform);
        assertThat(u.q1()).isCloseTo(uniform[rows / 4], within(100 * 0.02));
        assertThat(u.median()).isCloseTo(uniform[rows / 2], within(100 * 0.02));
        assertThat(u.distinct()).isCloseTo(rows, within((long) (rows * 0.05)));
        assertThat(Arrays.stream(u.histogram().counts()).sum()).isEqualTo(rows);
        assertThat(Arrays.stream(u.histogram().counts()).boxed().toList())
                .allSatisfy(count -> assertThat(count).isCloseTo(rows / 20L, within((long) (rows * 0.027))));
        // a standard normal has about 0.70 % of its mass beyond Tukey's fences (±2.70σ); the fences come from the
        // KLL quartiles (randomised, ±1.65 % rank error at 99 %: a quartile ±0.05σ, and Q3 + 1.5 IQR moves up to
        // ±0.2σ when the two quartiles err apart; 0.31 % was seen once), so allow a fence ±0.4σ: the tails beyond
        // ±3.10σ (0.19 %) and ±2.30σ (2.1 %)
        ColumnProfile n = profile.columns().get(1);
        assertThat((double) n.boxPlot().outliers() / rows).isBetween(0.0019, 0.0210);
        assertThat(n.boxPlot().lowExamples()).hasSize(5).allSatisfy(v -> assertThat(v).isLessThan(n.boxPlot().lowerFence()));
        assertThat(n.boxPlot().highExamples()).hasSize(5).allSatisfy(v -> assertThat(v).isGreaterThan(n.boxPlot().upperFence()));
        assertThat(n.skewness()).isCloseTo(0.0, within(0.03));
        assertThat(n.kurtosis()).isCloseTo(0.0, within(0.06));
        // and the notes say which figures are estimates
        assertThat(profile.spearman().sampled()).isTrue();
        assertThat(profile.spearman().rows()).isEqualTo(5_000);
        assertThat(profile.notes()).anySatisfy(note -> assertThat(note).contains("KLL"))
                .anySatisfy(note -> assertThat(note).contains("HLL"))
                .anySatisfy(note -> assertThat(note).contains("sample of 5000 of 200000 rows"));
    }

    @Test
    void pearsonIsPairwiseCompleteOverRowsWithNulls() {
        // Given y = 2x except in rows where one of them is NULL, and an unrelated z
        DatasetProfiler profiler = DatasetProfiler.numeric(List.of("x", "y", "z"), null, ProfileOptions.defaults());
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            double x = random.nextDouble();
            profiler.addRow(new double[] {i % 7 == 0 ? Double.NaN : x, i % 11 == 0 ? Double.NaN : 2 * x + 5,
                    random.nextDouble()});
        }

        // When profiled
        DatasetProfile profile = profiler.finish("generated");

        // Then x and y correlate perfectly over the rows they share, and are flagged collinear
        assertThat(profile.pearson().matrix()[0][1]).isCloseTo(1.0, within(1e-12));
        assertThat(profile.spearman().matrix()[0][1]).isCloseTo(1.0, within(1e-12));
        assertThat(Math.abs(profile.pearson().matrix()[0][2])).isLessThan(0.1);
        assertThat(profile.collinearPairs()).singleElement()
                .satisfies(pair -> assertThat(List.of(pair.first(), pair.second())).containsExactly("x", "y"));
        assertThat(profile.columns().get(0).nulls()).isEqualTo(143);
    }

    @Test
    void aConstantColumnHasNoStdCorrelationOrNormality() {
        DatasetProfiler profiler = DatasetProfiler.numeric(List.of("c", "x"), null, ProfileOptions.defaults());
        for (int i = 0; i < 10; i++) {
            profiler.addRow(new double[] {3.0, i});
        }

        DatasetProfile profile = profiler.finish("constant");

        ColumnProfile constant = profile.columns().get(0);
        assertThat(constant.std()).isZero();
        assertThat(constant.skewness()).isZero(); // as pandas
        assertThat(constant.histogram().counts()[0]).isEqualTo(10);
        assertThat(profile.pearson().matrix()[0][1]).isNull();
        assertThat(constant.normality().pValue()).isNull();
        assertThat(constant.normality().note()).isEqualTo("constant column");
    }

    @Test
    void aLabelThatIsNotAColumnIsRefusedByName() {
        assertThatThrownBy(() -> DatasetProfiler.numeric(List.of("x"), "tx_fraud", ProfileOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label column 'tx_fraud'");
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller; SplittableRandom has no nextGaussian on Java 17
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}

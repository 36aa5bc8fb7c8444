package dev.flywheel.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-feature reference a version is stored with: bins, categories, sample, sketch, and its file. */
class ReferenceDistributionsTest {

    @Test
    void numericColumnsGetDecileBinsAndABoundedSampleAndCategoricalOnesTheirValues(@TempDir Path folder) {
        // Given 20,000 rows of a uniform amount and a 0/1 flag (30 % ones), and scores
        Random random = new Random(1);
        int n = 20_000;
        double[][] rows = new double[n][];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {random.nextDouble() * 100, random.nextDouble() < 0.3 ? 1 : 0};
            scores[i] = random.nextDouble();
        }

        // When the reference is built, written and read back
        ReferenceDistributions.write(folder, ReferenceDistributions.of("test", List.of("amount", "flag"), rows, scores));
        ReferenceDistributions reference = ReferenceDistributions.read(folder).orElseThrow();

        // Then the amount has ten bins of about a tenth each, exact mean and std, a 5,000-value sample and a sketch
        ReferenceDistributions.Column amount = reference.features().get(0);
        assertThat(reference.rows()).isEqualTo(n);
        assertThat(amount.categorical()).isFalse();
        assertThat(amount.bins()).isEqualTo(10);
        assertThat(Arrays.stream(amount.counts()).sum()).isEqualTo(n);
        assertThat(Arrays.stream(amount.counts()).boxed()).allSatisfy(count -> assertThat(count).isBetween(1_990L, 2_010L));
        assertThat(amount.mean()).isCloseTo(Arrays.stream(rows).mapToDouble(r -> r[0]).average().orElseThrow(),
                within(1e-9));
        assertThat(amount.sample()).hasSize(ReferenceDistributions.SAMPLE).isSorted();
        assertThat(amount.complete()).isFalse();
        assertThat(amount.sketch().getQuantile(0.5)).isCloseTo(50, within(2.0));
        assertThat(amount.bin(-1)).isZero();
        assertThat(amount.bin(1_000)).isEqualTo(9);
        // and the flag is categorical with its two values and their counts
        ReferenceDistributions.Column flag = reference.features().get(1);
        assertThat(flag.categorical()).isTrue();
        assertThat(flag.edges()).containsExactly(0.0, 1.0);
        assertThat(flag.counts()[1]).isEqualTo(Arrays.stream(rows).filter(r -> r[1] == 1).count());
        assertThat(flag.bin(1)).isEqualTo(1);
        assertThat(flag.bin(7)).isEqualTo(-1);
        assertThat(reference.score().count()).isEqualTo(n);
    }

    @Test
    void aSmallColumnKeepsEveryValue() {
        // Given 300 values
        double[] values = new Random(2).doubles(300).toArray();

        // When
        ReferenceDistributions.Column column = ReferenceDistributions.column("x", values);

        // Then the sample is all of them, sorted
        assertThat(column.complete()).isTrue();
        assertThat(column.sample()).containsExactly(Arrays.stream(values).sorted().toArray());
    }

    @Test
    void aMissingFileIsNoReference(@TempDir Path folder) {
        assertThat(ReferenceDistributions.read(folder)).isEmpty();
    }
}

package dev.flywheel.monitor.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.DriftPolicy;
import dev.flywheel.contracts.spec.DriftTest;
import dev.flywheel.model.ReferenceDistributions;

/**
 * The data-drift statistics equal scipy's on the committed vectors ({@code src/test/python/data_drift_reference.py}
 * wrote {@code data-drift/vectors.json}), and the Evidently-style choice of test per feature.
 */
class DriftStatisticsTest {

    private static final JsonNode V = read();

    @Test
    void kolmogorovSmirnovEqualsScipyExactOnSmallAndAsymptoticOnLargeSamples() {
        for (String name : List.of("ks_small", "ks_large")) {
            // Given two samples / When
            double[] ks = DriftStatistics.kolmogorovSmirnov(sorted(V.path(name).path("reference")),
                    sorted(V.path(name).path("live")));

            // Then
            assertThat(ks[0]).as(name + " D").isCloseTo(V.path(name).path("statistic").asDouble(), within(1e-12));
            assertThat(ks[1]).as(name + " p").isCloseTo(V.path(name).path("p_value").asDouble(), within(1e-6));
        }
    }

    @Test
    void chiSquareJensenShannonAndPsiEqualScipyAndEvidentlysFormula() {
        long[] ref = longs(V.path("chi_square").path("reference"));
        long[] live = longs(V.path("chi_square").path("live"));
        double[] chi = DriftStatistics.chiSquare(ref, live);
        assertThat(chi[0]).isCloseTo(V.path("chi_square").path("statistic").asDouble(), within(1e-9));
        assertThat(chi[1]).isCloseTo(V.path("chi_square").path("p_value").asDouble(), within(1e-15));
        assertThat(DriftStatistics.jensenShannon(ref, live))
                .isCloseTo(V.path("jensen_shannon").path("distance").asDouble(), within(1e-12));
        assertThat(DriftStatistics.psi(longs(V.path("psi").path("reference")), longs(V.path("psi").path("live"))))
                .isCloseTo(V.path("psi").path("psi").asDouble(), within(1e-12));
    }

    @Test
    void wassersteinIsExactOnSamplesAndWithinTwoPercentThroughTheSketch() {
        // Given a reference of 700 values (kept whole) and one of 50,000 (sketched)
        double[] reference = sorted(V.path("wasserstein_exact").path("reference"));
        ReferenceDistributions.Column small = ReferenceDistributions.column("x", reference);
        NormalDistribution normal = new NormalDistribution();
        int n = V.path("wasserstein_sketched").path("reference_size").asInt();
        double[] grid = new double[n];
        for (int i = 0; i < n; i++) {
            grid[i] = Math.exp(normal.inverseCumulativeProbability((i + 0.5) / n));
        }
        ReferenceDistributions.Column large = ReferenceDistributions.column("y", grid);
        DriftPolicy wasserstein = new DriftPolicy(DriftTest.WASSERSTEIN, 0.1);

        // When
        FeatureDrift exact = FeatureComparison.compare(small, raw(V.path("wasserstein_exact").path("live")), wasserstein);
        FeatureDrift sketched = FeatureComparison.compare(large, raw(V.path("wasserstein_sketched").path("live")),
                wasserstein);

        // Then the exact one equals scipy; the sketched one (KLL k=200, rank error ~1.3 %) is within 2 %
        assertThat(small.complete()).isTrue();
        assertThat(exact.statistic()).isCloseTo(V.path("wasserstein_exact").path("normalised").asDouble(), within(1e-9));
        assertThat(large.complete()).isFalse();
        double expected = V.path("wasserstein_sketched").path("normalised").asDouble();
        assertThat(sketched.statistic()).isCloseTo(expected, within(0.02 * expected));
        assertThat(sketched.drifted()).isTrue();
    }

    @Test
    void autoChoosesTestsLikeEvidentlyByReferenceSizeAndKind() {
        // Given small and large, numeric and categorical references
        double[] smallNumeric = new java.util.Random(3).doubles(1_000).toArray();
        double[] largeNumeric = new java.util.Random(3).doubles(1_001).toArray();
        double[] flags = new double[1_500];
        Arrays.fill(flags, 750, 1_500, 1);

        // Then
        assertThat(FeatureComparison.chosen(ReferenceDistributions.column("a", smallNumeric), DriftTest.AUTO))
                .isEqualTo(DriftTest.KS_TEST);
        assertThat(FeatureComparison.chosen(ReferenceDistributions.column("a", largeNumeric), DriftTest.AUTO))
                .isEqualTo(DriftTest.WASSERSTEIN);
        assertThat(FeatureComparison.chosen(ReferenceDistributions.column("f", Arrays.copyOf(flags, 1_000)),
                DriftTest.AUTO)).isEqualTo(DriftTest.CHI_SQUARE);
        assertThat(FeatureComparison.chosen(ReferenceDistributions.column("f", flags), DriftTest.AUTO))
                .isEqualTo(DriftTest.JENSEN_SHANNON);
        assertThat(FeatureComparison.chosen(ReferenceDistributions.column("f", flags), DriftTest.PSI))
                .isEqualTo(DriftTest.PSI);
        assertThat(FeatureComparison.chosen(ReferenceDistributions.column("f", flags), DriftTest.KS_TEST))
                .as("a numeric test on a categorical feature falls back to auto").isEqualTo(DriftTest.JENSEN_SHANNON);
    }

    @Test
    void aShiftedFeatureDriftsAndAnUnchangedOneDoesNot() {
        // Given a reference of 20,000 uniform values
        java.util.Random random = new java.util.Random(4);
        ReferenceDistributions.Column reference = ReferenceDistributions.column("a", random.doubles(20_000).toArray());
        double[] same = random.doubles(5_000).toArray();
        double[] shifted = random.doubles(5_000).map(x -> x * 0.7 + 0.3).toArray();
        DriftPolicy auto = new DriftPolicy(DriftTest.AUTO, Double.NaN);

        // When
        FeatureDrift unchanged = FeatureComparison.compare(reference, same, auto);
        FeatureDrift moved = FeatureComparison.compare(reference, shifted, auto);

        // Then
        assertThat(unchanged.test()).isEqualTo("wasserstein");
        assertThat(unchanged.drifted()).isFalse();
        assertThat(unchanged.psi()).isLessThan(0.01);
        assertThat(moved.drifted()).isTrue();
        assertThat(moved.psi()).isGreaterThan(0.25);
    }

    private static double[] raw(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static double[] sorted(JsonNode array) {
        double[] values = raw(array);
        Arrays.sort(values);
        return values;
    }

    private static long[] longs(JsonNode array) {
        return Arrays.stream(raw(array)).mapToLong(v -> (long) v).toArray();
    }

    private static JsonNode read() {
        try (InputStream in = DriftStatisticsTest.class.getResourceAsStream("/data-drift/vectors.json")) {
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

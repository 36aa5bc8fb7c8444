package dev.flywheel.monitor.data;

import java.util.Arrays;

import dev.flywheel.contracts.spec.DriftPolicy;
import dev.flywheel.contracts.spec.DriftTest;
import dev.flywheel.model.ReferenceDistributions;

/**
 * Compares a feature's live values with its reference and decides whether it drifted. The test is chosen like
 * Evidently's defaults ({@code auto}): a reference of at most {@value #SMALL_REFERENCE} values gets KS
 * (numeric; against the exact reference values) or chi-square (categorical), drift at p ≤ 0.05; a larger one the
 * normalised Wasserstein distance (numeric; through the reference's quantile sketch) or Jensen–Shannon
 * (categorical), drift at ≥ 0.1. A test named in the spec is used where it fits the feature's kind (KS, KS D and
 * Wasserstein: numeric; chi-square and Jensen–Shannon: categorical), the {@code auto} choice elsewhere; PSI fits
 * both. PSI over the reference's bins is always reported.
 */
public final class FeatureComparison {

    static final int SMALL_REFERENCE = 1_000;

    private FeatureComparison() {
    }

    /** @param live the live values (any order; copied and sorted here) */
    public static FeatureDrift compare(ReferenceDistributions.Column reference, double[] live, DriftPolicy policy) {
        double[] sorted = Arrays.stream(live).filter(v -> !Double.isNaN(v)).sorted().toArray();
        long[] liveCounts = new long[reference.bins()];
        long unseen = 0;
        for (double value : sorted) {
            int bin = reference.bin(value);
            if (bin < 0) {
                unseen++;
            } else {
                liveCounts[bin]++;
            }
        }
        double psi = DriftStatistics.psi(reference.counts(), liveCounts);
        double unseenShare = sorted.length == 0 ? 0 : (double) unseen / sorted.length;
        DriftTest test = chosen(reference, policy.test());
        double threshold = policy.test() == DriftTest.AUTO ? test.defaultThreshold() : policy.threshold();
        if (sorted.length == 0 || reference.count() == 0) {
            // The predictions do not carry this feature (or the reference has no value of it): nothing to judge.
            return new FeatureDrift(reference.name(), reference.categorical(), reference.count(), 0, test.keyword(),
                    Double.NaN, null, threshold, false, Double.NaN, unseenShare);
        }
        double statistic;
        Double pValue = null;
        boolean drifted;
        switch (test) {
            case PSI -> {
                statistic = psi;
                drifted = psi > threshold;
            }
            case KS, KS_TEST -> {
                double[] ks = DriftStatistics.kolmogorovSmirnov(reference.sample(), sorted);
                statistic = ks[0];
                pValue = ks[1];
                drifted = test == DriftTest.KS ? statistic > threshold : pValue <= threshold;
            }
            case CHI_SQUARE -> {
                double[] chi = DriftStatistics.chiSquare(reference.counts(), liveCounts);
                statistic = chi[0];
                pValue = chi[1];
                drifted = pValue <= threshold;
            }
            case WASSERSTEIN -> {
                double distance = reference.complete()
                        ? DriftStatistics.wasserstein(reference.sample(), sorted)
                        : DriftStatistics.wasserstein(reference.sketch(), sorted);
                statistic = DriftStatistics.normalised(distance, reference.std());
                drifted = statistic >= threshold;
            }
            case JENSEN_SHANNON -> {
                statistic = DriftStatistics.jensenShannon(reference.counts(), liveCounts);
                drifted = statistic >= threshold;
            }
            default -> throw new IllegalStateException("no statistic for " + test);
        }
        return new FeatureDrift(reference.name(), reference.categorical(), reference.count(), sorted.length,
                test.keyword(), statistic, pValue, threshold, drifted, psi, unseenShare);
    }

    /** The test a feature is judged by under a policy's test. */
    static DriftTest chosen(ReferenceDistributions.Column reference, DriftTest asked) {
        boolean categorical = reference.categorical();
        boolean fits = switch (asked) {
            case PSI -> true;
            case KS, KS_TEST, WASSERSTEIN -> !categorical;
            case CHI_SQUARE, JENSEN_SHANNON -> categorical;
            case AUTO -> false;
        };
        if (fits) {
            return asked;
        }
        boolean small = reference.count() <= SMALL_REFERENCE;
        if (categorical) {
            return small ? DriftTest.CHI_SQUARE : DriftTest.JENSEN_SHANNON;
        }
        return small ? DriftTest.KS_TEST : DriftTest.WASSERSTEIN;
    }
}

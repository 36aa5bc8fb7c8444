package dev.flywheel.contracts.spec;

import java.util.Locale;

/**
 * How the distribution of a live feature is compared with its training distribution. {@code auto} chooses per
 * feature as Evidently's defaults do: a reference of at most 1,000 values gets a test (KS for numeric features,
 * chi-square for categorical ones, drift at p ≤ 0.05), a larger one a distance (normalised Wasserstein for
 * numeric, Jensen–Shannon for categorical, drift at ≥ 0.1).
 */
public enum DriftTest implements SpecKeyword {
    /** Population stability index; 0.25 is the customary "significant shift". */
    PSI(0.25, false),
    /** Two-sample Kolmogorov-Smirnov statistic D (largest gap between the two CDFs), in (0, 1]. */
    KS(0.1, false),
    /** Evidently's default choice per feature; each chosen test has its own threshold. */
    AUTO(Double.NaN, false),
    /** Two-sample Kolmogorov–Smirnov test: drift when its p-value is at most the threshold. */
    KS_TEST(0.05, true),
    /** Chi-square goodness of fit of the live category counts to the reference shares: drift at p ≤ threshold. */
    CHI_SQUARE(0.05, true),
    /** Wasserstein-1 distance divided by the reference's standard deviation: drift at ≥ threshold. */
    WASSERSTEIN(0.1, false),
    /** Jensen–Shannon distance (natural log) of the binned distributions: drift at ≥ threshold. */
    JENSEN_SHANNON(0.1, false);

    private final double defaultThreshold;
    private final boolean pValue;

    DriftTest(double defaultThreshold, boolean pValue) {
        this.defaultThreshold = defaultThreshold;
        this.pValue = pValue;
    }

    @Override
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public double defaultThreshold() {
        return defaultThreshold;
    }

    /** Whether the threshold bounds a p-value (drift at or below it) rather than a statistic (drift above it). */
    public boolean pValue() {
        return pValue;
    }
}

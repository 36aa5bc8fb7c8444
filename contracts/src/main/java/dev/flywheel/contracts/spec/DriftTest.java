package dev.flywheel.contracts.spec;

import java.util.Locale;

/** How the distribution of a live feature is compared with its training distribution. */
public enum DriftTest implements SpecKeyword {
    /** Population stability index; 0.25 is the customary "significant shift". */
    PSI(0.25),
    /** Two-sample Kolmogorov-Smirnov statistic D (largest gap between the two CDFs), in (0, 1]. */
    KS(0.1);

    private final double defaultThreshold;

    DriftTest(double defaultThreshold) {
        this.defaultThreshold = defaultThreshold;
    }

    @Override
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public double defaultThreshold() {
        return defaultThreshold;
    }
}

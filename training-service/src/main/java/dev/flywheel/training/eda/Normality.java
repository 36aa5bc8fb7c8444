package dev.flywheel.training.eda;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * The Jarque–Bera test of a column: {@code JB = n/6 (g1^2 + g2^2/4)} from the population skewness {@code g1}
 * and excess kurtosis {@code g2} (scipy's {@code jarque_bera}), against a chi-square with 2 degrees of freedom
 * (Commons Statistics). Reported for every numeric column; {@code flagged} only where a linear model uses the
 * column and normality is rejected.
 *
 * @param normal  p-value at least alpha
 * @param flagged a linear model uses the column and it is not normal
 */
public record Normality(String test, Double statistic, Double pValue, double alpha, boolean normal, boolean flagged,
                        String note) {

    public static final String JARQUE_BERA = "jarque-bera";

    private static final ChiSquaredDistribution CHI_SQUARED_2 = ChiSquaredDistribution.of(2);

    /**
     * @param n        values
     * @param skewness bias-corrected sample skewness (G1, as pandas)
     * @param kurtosis bias-corrected sample excess kurtosis (G2, as pandas)
     */
    static Normality jarqueBera(long n, boolean constant, double skewness, double kurtosis, double alpha,
                                boolean linearModel) {
        if (n < 4 || constant || !Double.isFinite(skewness) || !Double.isFinite(kurtosis)) {
            return new Normality(JARQUE_BERA, null, null, alpha, false, false,
                    n < 4 ? "fewer than 4 values" : "constant column");
        }
        // Back from the bias-corrected estimators to the population moments the test is defined on.
        double g1 = skewness * (n - 2) / Math.sqrt((double) n * (n - 1));
        double g2 = kurtosis * (n - 2) * (n - 3) / ((double) (n - 1) * (n + 1)) - 6.0 / (n + 1);
        double statistic = n / 6.0 * (g1 * g1 + g2 * g2 / 4);
        double p = CHI_SQUARED_2.survivalProbability(statistic);
        boolean normal = p >= alpha;
        return new Normality(JARQUE_BERA, statistic, p, alpha, normal, linearModel && !normal,
                linearModel ? (normal ? "consistent with normal" : "not normal; a linear model uses this column:"
                        + " consider a transform (log, rank) or robust scaling") : "no linear model uses this column");
    }
}

package dev.flywheel.monitor.data;

/**
 * One feature's (or the score's) live distribution against its reference.
 *
 * @param test      the statistic the verdict rests on ({@code ks_test}, {@code chi_square}, {@code wasserstein},
 *                  {@code jensen_shannon}, {@code psi}, {@code ks})
 * @param statistic its value (the KS D or chi-square statistic for a test)
 * @param pValue    the test's p-value; null for a distance
 * @param threshold the bound: drift at p ≤ threshold for a test, at statistic ≥ threshold for a distance (&gt; for
 *                  PSI and KS D)
 * @param psi       the population stability index over the reference's bins, always reported
 */
public record FeatureDrift(String feature, boolean categorical, long referenceCount, long liveCount, String test,
                           double statistic, Double pValue, double threshold, boolean drifted, double psi,
                           double unseenShare) {
}

package dev.flywheel.monitor.data;

import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * The statistics data drift is judged by, as Evidently computes them: PSI, two-sample Kolmogorov–Smirnov and
 * chi-square goodness of fit (Apache Commons Math), Wasserstein-1 normalised by the reference's standard
 * deviation, and Jensen–Shannon distance (natural logarithm, as {@code scipy.spatial.distance.jensenshannon}).
 * Pure functions on counts and sorted values.
 */
public final class DriftStatistics {

    /** A share of 0 becomes this in PSI, as in Evidently: the logarithm needs both shares positive. */
    static final double EMPTY_SHARE = 0.0001;
    /** The smallest standard deviation Wasserstein is normalised by (Evidently's floor). */
    static final double MIN_STD = 0.001;
    /** Points of the quantile grid when the reference is a sketch. */
    static final int GRID = 2_000;
    /** Below this n·m Commons Math computes the exact KS p-value. */
    private static final long SMALL_KS_PRODUCT = 10_000;

    private DriftStatistics() {
    }

    /** Population stability index Σ (r − l)·ln(r / l) over the bins' shares. */
    public static double psi(long[] reference, long[] live) {
        double[] r = shares(reference, true);
        double[] l = shares(live, true);
        double psi = 0;
        for (int i = 0; i < r.length; i++) {
            psi += (r[i] - l[i]) * Math.log(r[i] / l[i]);
        }
        return psi;
    }

    /** Jensen–Shannon distance (the square root of the divergence, natural logarithm) of two binned distributions. */
    public static double jensenShannon(long[] reference, long[] live) {
        double[] p = shares(reference, false);
        double[] q = shares(live, false);
        double divergence = 0;
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2;
            divergence += relativeEntropy(p[i], m) + relativeEntropy(q[i], m);
        }
        return Math.sqrt(Math.max(0, divergence / 2));
    }

    /**
     * The two-sample KS statistic D of two sorted samples, and its p-value P(D ≥ d) as scipy's: exact below
     * n·m = 10,000, the asymptotic Kolmogorov distribution above (Commons Math's choice; scipy's exact mode would
     * differ there by ~1e-3). D is one merge of the sorted samples; Commons Math gives the p-value (and the whole
     * test for small samples with ties, which it breaks by jittering).
     */
    public static double[] kolmogorovSmirnov(double[] reference, double[] live) {
        KolmogorovSmirnovTest test = new KolmogorovSmirnovTest();
        long product = (long) reference.length * live.length;
        if (product < SMALL_KS_PRODUCT) {
            return new double[] {ksStatistic(reference, live), test.kolmogorovSmirnovTest(reference, live, false)};
        }
        double d = ksStatistic(reference, live);
        return new double[] {d, test.approximateP(d, reference.length, live.length)};
    }

    /** The largest gap between the empirical CDFs of two sorted samples. */
    static double ksStatistic(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < a.length && j < b.length) {
            double x = Math.min(a[i], b[j]);
            while (i < a.length && a[i] <= x) {
                i++;
            }
            while (j < b.length && b[j] <= x) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return d;
    }

    /**
     * Chi-square goodness of fit of the live counts to the reference's shares (the expected counts are the
     * reference's scaled to the live total, as Evidently does); categories the reference never saw are left out.
     *
     * @return {statistic, p-value}
     */
    public static double[] chiSquare(long[] reference, long[] live) {
        int used = 0;
        for (long count : reference) {
            used += count > 0 ? 1 : 0;
        }
        double[] expected = new double[used];
        long[] observed = new long[used];
        for (int i = 0, j = 0; i < reference.length; i++) {
            if (reference[i] > 0) {
                expected[j] = reference[i];
                observed[j++] = live[i];
            }
        }
        if (used < 2) {
            return new double[] {0, 1};
        }
        ChiSquareTest test = new ChiSquareTest();
        return new double[] {test.chiSquare(expected, observed), test.chiSquareTest(expected, observed)};
    }

    /** Wasserstein-1 distance of two samples (sorted ascending), exactly: ∫ |F_a(x) − F_b(x)| dx. */
    public static double wasserstein(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        double distance = 0;
        double previous = Math.min(a[0], b[0]);
        while (i < a.length || j < b.length) {
            double next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            distance += Math.abs((double) i / a.length - (double) j / b.length) * (next - previous);
            previous = next;
            while (i < a.length && a[i] == next) {
                i++;
            }
            while (j < b.length && b[j] == next) {
                j++;
            }
        }
        return distance;
    }

    /**
     * Wasserstein-1 distance between a sketched reference and a live sample (sorted), through their quantile
     * functions: ∫₀¹ |Q_ref(u) − Q_live(u)| du on a grid of {@value #GRID} ranks (midpoints).
     */
    public static double wasserstein(KllDoublesSketch reference, double[] live) {
        double[] ranks = new double[GRID];
        for (int k = 0; k < GRID; k++) {
            ranks[k] = (k + 0.5) / GRID;
        }
        double[] quantiles = reference.getQuantiles(ranks);
        double sum = 0;
        for (int k = 0; k < GRID; k++) {
            sum += Math.abs(quantiles[k] - live[(int) Math.min(live.length - 1, Math.floor(ranks[k] * live.length))]);
        }
        return sum / GRID;
    }

    /** Wasserstein distance divided by the reference's standard deviation (at least {@value #MIN_STD}). */
    public static double normalised(double wasserstein, double referenceStd) {
        return wasserstein / Math.max(referenceStd, MIN_STD);
    }

    private static double relativeEntropy(double p, double q) {
        return p == 0 ? 0 : p * Math.log(p / q);
    }

    private static double[] shares(long[] counts, boolean fillEmpty) {
        double total = 0;
        for (long count : counts) {
            total += count;
        }
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = total == 0 ? 0 : counts[i] / total;
            if (fillEmpty && shares[i] == 0) {
                shares[i] = EMPTY_SHARE;
            }
        }
        return shares;
    }
}

package dev.flywheel.training.eda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.stat.descriptive.moment.Kurtosis;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Skewness;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The streaming state of one numeric column: takes values (NaN = NULL) one at a time and produces its
 * {@link ColumnProfile}. Moments come from Commons Math's storeless statistics (bias-corrected, as pandas);
 * quantiles, histogram and outliers are exact while the column holds at most {@code exactValues} values,
 * then come from a KLL sketch the kept values are poured into.
 */
final class NumericColumn {

    private final String name;
    private final ProfileOptions options;
    private final Mean mean = new Mean();
    private final Variance variance = new Variance();
    private final Skewness skewness = new Skewness();
    private final Kurtosis kurtosis = new Kurtosis();
    private final DistinctCounter distinct;
    private final Extremes extremes;
    private double[] kept = new double[16];
    private KllDoublesSketch sketch;
    private long count;
    private long nulls;
    private long unparsable;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    NumericColumn(String name, ProfileOptions options) {
        this.name = name;
        this.options = options;
        this.distinct = new DistinctCounter(options.exactDistinct());
        this.extremes = new Extremes(options.outlierExamples() + 1);
    }

    String name() {
        return name;
    }

    /** A value; NaN and infinities are NULLs (pandas counts neither). */
    void add(double value) {
        if (!Double.isFinite(value)) {
            nulls++;
            return;
        }
        mean.increment(value);
        variance.increment(value);
        skewness.increment(value);
        kurtosis.increment(value);
        distinct.add(value);
        extremes.add(value);
        if (value < min) {
            min = value;
        }
        if (value > max) {
            max = value;
        }
        if (sketch != null) {
            sketch.update(value);
        } else {
            if (count == kept.length) {
                if (count >= options.exactValues()) {
                    sketch = KllDoublesSketch.newHeapInstance(ProfileOptions.KLL_K);
                    for (int i = 0; i < count; i++) {
                        sketch.update(kept[i]);
                    }
                    sketch.update(value);
                    kept = null;
                    count++;
                    return;
                }
                kept = Arrays.copyOf(kept, (int) Math.min(Math.max(count * 2, 16), options.exactValues()));
            }
            kept[(int) count] = value;
        }
        count++;
    }

    /** A CSV cell of a numeric column that is not a number: counted here, and added as a NULL (NaN) too. */
    void countUnparsable() {
        unparsable++;
    }

    ColumnProfile profile(Normality normality) {
        long rows = count + nulls;
        double nullShare = rows == 0 ? 0 : (double) nulls / rows;
        if (count == 0) {
            return ColumnProfile.empty(name, rows, nulls, nullShare, unparsable);
        }
        Quartiles quartiles = quartiles();
        Histogram histogram = histogram();
        BoxPlot box = boxPlot(quartiles);
        return new ColumnProfile(name, ColumnProfile.NUMERIC, rows, count, nulls, nullShare, unparsable,
                distinct.estimate(), distinct.isExact(), Stats.finite(mean.getResult()),
                Stats.finite(Math.sqrt(variance.getResult())), min, quartiles.q1, quartiles.median, quartiles.q3, max,
                Stats.finite(skewness.getResult()), Stats.finite(kurtosis.getResult()), sketch == null, histogram, box,
                normality, List.of());
    }

    /** The moments the normality test needs. */
    long count() {
        return count;
    }

    boolean isConstant() {
        return min == max;
    }

    double sampleSkewness() {
        return skewness.getResult();
    }

    double sampleExcessKurtosis() {
        return kurtosis.getResult();
    }

    private record Quartiles(double q1, double median, double q3) {
    }

    private Quartiles quartiles() {
        if (sketch != null) {
            return new Quartiles(sketch.getQuantile(0.25), sketch.getQuantile(0.5), sketch.getQuantile(0.75));
        }
        Arrays.sort(kept, 0, (int) count);
        return new Quartiles(linear(0.25), linear(0.5), linear(0.75));
    }

    /** Linear interpolation between closest ranks (pandas' and numpy's default, "type 7"). */
    private double linear(double p) {
        double h = (count - 1) * p;
        int lower = (int) Math.floor(h);
        int upper = (int) Math.min(lower + 1, count - 1);
        return kept[lower] + (h - lower) * (kept[upper] - kept[lower]);
    }

    private Histogram histogram() {
        int bins = options.histogramBins();
        double[] edges = new double[bins + 1];
        // numpy's linspace: start + i * step, the last edge exactly max.
        double step = (max - min) / bins;
        for (int i = 0; i <= bins; i++) {
            edges[i] = min + i * step;
        }
        edges[bins] = max;
        long[] counts = new long[bins];
        if (max == min) {
            counts[0] = count;
        } else if (sketch == null) {
            for (int i = 0; i < count; i++) {
                counts[bin(kept[i], edges)]++;
            }
        } else {
            // Masses between the inner edges, as the sketch estimates them (left-closed bins, last bin closed).
            double[] inner = Arrays.copyOfRange(edges, 1, bins);
            double[] pmf = sketch.getPMF(inner, QuantileSearchCriteria.EXCLUSIVE);
            long assigned = 0;
            for (int i = 0; i < bins; i++) {
                counts[i] = Math.round(pmf[i] * count);
                assigned += counts[i];
            }
            counts[bins - 1] += count - assigned;
        }
        return new Histogram(edges, counts, sketch == null);
    }

    /** numpy's rule: the bin by arithmetic, then corrected by comparing with its edges (rounding). */
    private int bin(double value, double[] edges) {
        int bins = edges.length - 1;
        int bin = Math.min(Math.max((int) ((value - min) / (max - min) * bins), 0), bins - 1);
        if (value < edges[bin]) {
            bin--;
        } else if (value >= edges[bin + 1] && bin != bins - 1) {
            bin++;
        }
        return bin;
    }

    private BoxPlot boxPlot(Quartiles q) {
        double iqr = q.q3 - q.q1;
        double lowerFence = q.q1 - 1.5 * iqr;
        double upperFence = q.q3 + 1.5 * iqr;
        int examples = options.outlierExamples();
        if (sketch == null) {
            long low = 0;
            long high = 0;
            double lowWhisker = Double.NaN;
            double highWhisker = Double.NaN;
            List<Double> lowExamples = new ArrayList<>();
            List<Double> highExamples = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                double value = kept[i];
                if (value < lowerFence) {
                    low++;
                    if (lowExamples.size() < examples) {
                        lowExamples.add(value);
                    }
                } else if (Double.isNaN(lowWhisker)) {
                    lowWhisker = value;
                }
            }
            for (int i = (int) count - 1; i >= 0; i--) {
                double value = kept[i];
                if (value > upperFence) {
                    high++;
                    if (highExamples.size() < examples) {
                        highExamples.add(value);
                    }
                } else if (Double.isNaN(highWhisker)) {
                    highWhisker = value;
                }
            }
            return new BoxPlot(q.q1, q.median, q.q3, lowerFence, upperFence, lowWhisker, highWhisker, low + high, low,
                    high, lowExamples, highExamples, true);
        }
        double[] smallest = extremes.smallest();
        double[] largest = extremes.largest();
        List<Double> lowExamples = new ArrayList<>();
        double lowWhisker = Math.max(lowerFence, min);
        for (double value : smallest) {
            if (value < lowerFence) {
                if (lowExamples.size() < examples) {
                    lowExamples.add(value);
                }
            } else {
                lowWhisker = value;
                break;
            }
        }
        List<Double> highExamples = new ArrayList<>();
        double highWhisker = Math.min(upperFence, max);
        for (int i = largest.length - 1; i >= 0; i--) {
            if (largest[i] > upperFence) {
                if (highExamples.size() < examples) {
                    highExamples.add(largest[i]);
                }
            } else {
                highWhisker = largest[i];
                break;
            }
        }
        long low = Math.round(sketch.getRank(lowerFence, QuantileSearchCriteria.EXCLUSIVE) * count);
        long high = Math.round((1 - sketch.getRank(upperFence, QuantileSearchCriteria.INCLUSIVE)) * count);
        low = Math.max(low, lowExamples.size());
        high = Math.max(high, highExamples.size());
        return new BoxPlot(q.q1, q.median, q.q3, lowerFence, upperFence, lowWhisker, highWhisker, low + high, low, high,
                lowExamples, highExamples, false);
    }
}

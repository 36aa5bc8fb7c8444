package dev.flywheel.monitor.concept;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.flywheel.contracts.spec.DetectorType;

/**
 * ADWIN (Bifet &amp; Gavaldà, SDM 2007, ADWIN2): keeps the error stream's recent window as an exponential
 * histogram (rows of buckets of 2<sup>i</sup> outcomes, at most {@value #MAX_BUCKETS} per row, each holding its
 * total and variance) and drops its oldest buckets while two sub-windows have means further apart than
 * <pre>ε = sqrt(2·m·v·dd) + 2/3·dd·m,  m = 1/(n0 − 4) + 1/(n1 − 4),  dd = ln(2·ln W / δ)</pre>
 * (MOA's and river's bound; v is the window's variance, W its width). Cuts are looked for every {@code clock}
 * outcomes once the window holds more than {@value #GRACE}, each sub-window holding at least
 * {@value #MIN_SUB_WINDOW}; an alarm is the outcome at which the window shrank. Memory is O(M·log W).
 */
public final class Adwin implements ErrorStreamDetector {

    static final int MAX_BUCKETS = 5;
    static final int MIN_SUB_WINDOW = 5;
    static final int GRACE = 10;

    private final double delta;
    private final int clock;
    /** rows.get(i): the buckets of 2^i outcomes, oldest first. */
    private final List<Row> rows = new ArrayList<>();
    private long width;
    private double total;
    private double variance;
    private long tick;

    /** Cut evidence of the first cut of the current check. */
    private long cutOld;
    private long cutNew;
    private double cutOldMean;
    private double cutNewMean;
    private double cutEpsilon;

    public Adwin(double delta, int clock) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("ADWIN delta must be in (0, 1) but was " + delta);
        }
        if (clock < 1) {
            throw new IllegalArgumentException("ADWIN clock must be at least 1 but was " + clock);
        }
        this.delta = delta;
        this.clock = clock;
    }

    @Override
    public Optional<DetectorAlarm> update(double error) {
        tick++;
        insert(error);
        if (tick % clock != 0 || width <= GRACE) {
            return Optional.empty();
        }
        long widthBefore = width;
        boolean changed = false;
        while (cut(!changed)) {
            changed = true;
            deleteOldest();
        }
        if (!changed) {
            return Optional.empty();
        }
        double difference = Math.abs(cutOldMean - cutNewMean);
        return Optional.of(new DetectorAlarm(DetectorType.ADWIN, tick - 1, "mean_difference", difference, cutEpsilon,
                Map.of("window_start", (double) (tick - widthBefore), "window_before", (double) widthBefore, "window_after", (double) width,
                        "old_sub_window", (double) cutOld, "new_sub_window", (double) cutNew,
                        "old_mean", cutOldMean, "new_mean", cutNewMean, "delta", delta)));
    }

    @Override
    public DetectorType type() {
        return DetectorType.ADWIN;
    }

    @Override
    public long seen() {
        return tick;
    }

    /** The current window's width and mean error. */
    public long width() {
        return width;
    }

    public double mean() {
        return width == 0 ? Double.NaN : total / width;
    }

    private void insert(double x) {
        if (rows.isEmpty()) {
            rows.add(new Row());
        }
        rows.get(0).add(x, 0);
        width++;
        if (width > 1) {
            double d = x - total / (width - 1);
            variance += (width - 1) * d * d / width;
        }
        total += x;
        for (int i = 0; i < rows.size() && rows.get(i).count > MAX_BUCKETS; i++) {
            Row row = rows.get(i);
            double n = Math.pow(2, i);
            double d = row.totals[0] / n - row.totals[1] / n;
            double mergedTotal = row.totals[0] + row.totals[1];
            double mergedVariance = row.variances[0] + row.variances[1] + n * n * d * d / (n + n);
            row.dropOldest(2);
            if (i + 1 == rows.size()) {
                rows.add(new Row());
            }
            rows.get(i + 1).add(mergedTotal, mergedVariance);
        }
    }

    /** Scans the splits from oldest to newest; true at the first one whose sub-window means differ by more than ε. */
    private boolean cut(boolean record) {
        long n0 = 0;
        long n1 = width;
        double u0 = 0;
        double u1 = total;
        for (int i = rows.size() - 1; i >= 0; i--) {
            Row row = rows.get(i);
            long size = 1L << i;
            for (int k = 0; k < row.count; k++) {
                n0 += size;
                n1 -= size;
                u0 += row.totals[k];
                u1 -= row.totals[k];
                if (i == 0 && k == row.count - 1) {
                    return false;
                }
                if (n0 >= MIN_SUB_WINDOW && n1 >= MIN_SUB_WINDOW) {
                    double diff = Math.abs(u0 / n0 - u1 / n1);
                    double v = variance / width;
                    double dd = Math.log(2.0 * Math.log(width) / delta);
                    double m = 1.0 / (n0 - MIN_SUB_WINDOW + 1) + 1.0 / (n1 - MIN_SUB_WINDOW + 1);
                    double epsilon = Math.sqrt(2.0 * m * v * dd) + 2.0 / 3.0 * dd * m;
                    if (diff > epsilon) {
                        if (record) {
                            cutOld = n0;
                            cutNew = n1;
                            cutOldMean = u0 / n0;
                            cutNewMean = u1 / n1;
                            cutEpsilon = epsilon;
                        }
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void deleteOldest() {
        int last = rows.size() - 1;
        Row row = rows.get(last);
        double t = row.totals[0];
        double v = row.variances[0];
        double n = Math.pow(2, last);
        width -= (long) n;
        total -= t;
        if (width > 0) {
            double d = t / n - total / width;
            variance -= v + n * width * d * d / (n + width);
        } else {
            variance = 0;
        }
        row.dropOldest(1);
        if (row.count == 0) {
            rows.remove(last);
        }
    }

    /** The buckets of one size, oldest first; one more slot than kept, since a row is merged when it overflows. */
    private static final class Row {
        final double[] totals = new double[MAX_BUCKETS + 1];
        final double[] variances = new double[MAX_BUCKETS + 1];
        int count;

        void add(double bucketTotal, double bucketVariance) {
            totals[count] = bucketTotal;
            variances[count] = bucketVariance;
            count++;
        }

        void dropOldest(int n) {
            System.arraycopy(totals, n, totals, 0, count - n);
            System.arraycopy(variances, n, variances, 0, count - n);
            count -= n;
        }
    }
}

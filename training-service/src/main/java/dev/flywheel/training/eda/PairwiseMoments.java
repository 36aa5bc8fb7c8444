package dev.flywheel.training.eda;

/**
 * Streams rows of {@code d} numeric columns (NaN = NULL) into the sums Pearson's r needs for every pair,
 * over the rows where both values are present (pandas' pairwise-complete rule). Values are shifted by each
 * column's first value so the sums do not cancel catastrophically. Complete rows, the usual case, cost one
 * multiply-add per pair; rows with a NULL update the pairs they share in separate sums.
 */
final class PairwiseMoments {

    private final int d;
    private final double[] shift;
    private final boolean[] shifted;
    private final double[] shiftedRow;
    // Complete rows: per-column sums and per-pair cross products.
    private long completeRows;
    private final double[] sum;
    private final double[] sumSquares;
    private final double[] cross;
    // Rows with a NULL: every sum per pair (i < j at i * d + j).
    private final long[] pairRows;
    private final double[] pairSumX;
    private final double[] pairSumY;
    private final double[] pairSumXx;
    private final double[] pairSumYy;
    private final double[] pairCross;

    PairwiseMoments(int d) {
        this.d = d;
        shift = new double[d];
        shifted = new boolean[d];
        shiftedRow = new double[d];
        sum = new double[d];
        sumSquares = new double[d];
        cross = new double[d * d];
        pairRows = new long[d * d];
        pairSumX = new double[d * d];
        pairSumY = new double[d * d];
        pairSumXx = new double[d * d];
        pairSumYy = new double[d * d];
        pairCross = new double[d * d];
    }

    void add(double[] row) {
        boolean complete = true;
        for (int i = 0; i < d; i++) {
            double value = row[i];
            if (Double.isNaN(value)) {
                complete = false;
                shiftedRow[i] = Double.NaN;
                continue;
            }
            if (!shifted[i]) {
                shift[i] = value;
                shifted[i] = true;
            }
            shiftedRow[i] = value - shift[i];
        }
        double[] a = shiftedRow;
        if (complete) {
            completeRows++;
            for (int i = 0; i < d; i++) {
                double x = a[i];
                sum[i] += x;
                sumSquares[i] += x * x;
                int base = i * d;
                for (int j = i + 1; j < d; j++) {
                    cross[base + j] += x * a[j];
                }
            }
            return;
        }
        for (int i = 0; i < d; i++) {
            double x = a[i];
            if (Double.isNaN(x)) {
                continue;
            }
            int base = i * d;
            for (int j = i + 1; j < d; j++) {
                double y = a[j];
                if (Double.isNaN(y)) {
                    continue;
                }
                int p = base + j;
                pairRows[p]++;
                pairSumX[p] += x;
                pairSumY[p] += y;
                pairSumXx[p] += x * x;
                pairSumYy[p] += y * y;
                pairCross[p] += x * y;
            }
        }
    }

    /** Pearson's r of columns {@code i} and {@code j}; NaN when fewer than 2 shared rows or a constant. */
    double pearson(int i, int j) {
        if (i == j) {
            return 1.0;
        }
        int p = Math.min(i, j) * d + Math.max(i, j);
        int x = Math.min(i, j);
        int y = Math.max(i, j);
        double n = completeRows + pairRows[p];
        if (n < 2) {
            return Double.NaN;
        }
        double sx = sum[x] + pairSumX[p];
        double sy = sum[y] + pairSumY[p];
        double sxx = sumSquares[x] + pairSumXx[p];
        double syy = sumSquares[y] + pairSumYy[p];
        double sxy = cross[p] + pairCross[p];
        double cov = sxy - sx * sy / n;
        double varX = sxx - sx * sx / n;
        double varY = syy - sy * sy / n;
        if (varX <= 0 || varY <= 0) {
            return Double.NaN;
        }
        return Math.max(-1.0, Math.min(1.0, cov / Math.sqrt(varX * varY)));
    }

    /** Rows where both columns are present. */
    long rows(int i, int j) {
        return completeRows + pairRows[Math.min(i, j) * d + Math.max(i, j)];
    }
}

package dev.flywheel.contracts.metric;

import java.util.Arrays;

/**
 * Binary labels ranked by decreasing score, as the points of scikit-learn's {@code _binary_clf_curve}: one
 * point per distinct score (its threshold), holding the cumulative true and false positives at that
 * threshold. The one home of the ranking: the areas ({@link BinaryMetrics}) and the curves
 * ({@link BinaryCurves}) read it. Tied scores form a single point, so tied samples count together, as in
 * scikit-learn.
 *
 * <p>Built by sorting the positives' and the negatives' scores separately (primitive sorts, no boxing) and
 * merging them from the top; the monitor recomputes metrics over windows of tens of thousands of outcomes.
 */
final class RankedLabels {

    private final double[] thresholds;
    private final long[] truePositives;
    private final long[] falsePositives;
    private final int points;

    private RankedLabels(double[] thresholds, long[] truePositives, long[] falsePositives, int points) {
        this.thresholds = thresholds;
        this.truePositives = truePositives;
        this.falsePositives = falsePositives;
        this.points = points;
    }

    static RankedLabels of(double[] scores, double[] labels) {
        BinaryInput.check(scores, labels);
        int positives = 0;
        for (double label : labels) {
            positives += label == 1.0 ? 1 : 0;
        }
        double[] positive = new double[positives];
        double[] negative = new double[labels.length - positives];
        int p = 0;
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 1.0) {
                positive[p++] = scores[i];
            } else {
                negative[n++] = scores[i];
            }
        }
        Arrays.sort(positive);
        Arrays.sort(negative);

        double[] thresholds = new double[labels.length];
        long[] tps = new long[labels.length];
        long[] fps = new long[labels.length];
        int points = 0;
        int nextPositive = positive.length - 1;
        int nextNegative = negative.length - 1;
        long tp = 0;
        long fp = 0;
        while (nextPositive >= 0 || nextNegative >= 0) {
            double threshold = Math.max(nextPositive >= 0 ? positive[nextPositive] : Double.NEGATIVE_INFINITY,
                    nextNegative >= 0 ? negative[nextNegative] : Double.NEGATIVE_INFINITY);
            // == rather than compare: -0.0 and 0.0 are one threshold, as in numpy
            while (nextPositive >= 0 && positive[nextPositive] == threshold) {
                tp++;
                nextPositive--;
            }
            while (nextNegative >= 0 && negative[nextNegative] == threshold) {
                fp++;
                nextNegative--;
            }
            thresholds[points] = threshold;
            tps[points] = tp;
            fps[points] = fp;
            points++;
        }
        return new RankedLabels(thresholds, tps, fps, points);
    }

    int points() {
        return points;
    }

    /** The score of a point: samples scored at least this are decided positive. */
    double threshold(int point) {
        return thresholds[point];
    }

    long truePositives(int point) {
        return truePositives[point];
    }

    long falsePositives(int point) {
        return falsePositives[point];
    }

    long positives() {
        return points == 0 ? 0 : truePositives[points - 1];
    }

    long negatives() {
        return points == 0 ? 0 : falsePositives[points - 1];
    }
}

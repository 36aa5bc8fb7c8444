package dev.flywheel.contracts.metric;

/**
 * The confusion matrix of the decisions {@code score >= threshold} against 0/1 labels, and the rates read
 * from it (precision, recall, F1 at that threshold).
 */
public record ConfusionCounts(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

    public static ConfusionCounts at(double[] scores, double[] labels, double threshold) {
        BinaryInput.check(scores, labels);
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean decided = scores[i] >= threshold;
            boolean positive = labels[i] == 1.0;
            if (decided) {
                tp += positive ? 1 : 0;
                fp += positive ? 0 : 1;
            } else {
                fn += positive ? 1 : 0;
                tn += positive ? 0 : 1;
            }
        }
        return new ConfusionCounts(tp, fp, tn, fn);
    }

    public long total() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }

    /**
     * {@code TP / (TP + FP)} as {@code sklearn.metrics.precision_score} with {@code zero_division=0}: 0 when
     * nothing was decided positive; NaN when empty.
     */
    public double precision() {
        if (total() == 0) {
            return Double.NaN;
        }
        long decided = truePositives + falsePositives;
        return decided == 0 ? 0.0 : (double) truePositives / decided;
    }

    /**
     * {@code TP / (TP + FN)} as {@code sklearn.metrics.recall_score} with {@code zero_division=0}: 0 when
     * there is no positive label; NaN when empty.
     */
    public double recall() {
        if (total() == 0) {
            return Double.NaN;
        }
        long positives = truePositives + falseNegatives;
        return positives == 0 ? 0.0 : (double) truePositives / positives;
    }

    /** {@code 2 TP / (2 TP + FP + FN)}; 0 when that is 0/0 (scikit-learn's {@code zero_division=0}); NaN when empty. */
    public double f1() {
        if (total() == 0) {
            return Double.NaN;
        }
        long denominator = 2 * truePositives + falsePositives + falseNegatives;
        return denominator == 0 ? 0.0 : 2.0 * truePositives / denominator;
    }
}

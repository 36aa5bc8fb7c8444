package dev.flywheel.contracts.metric;

/**
 * The confusion matrix of the decisions {@code score >= threshold} against 0/1 labels.
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

    /** {@code 2 TP / (2 TP + FP + FN)}; 0 when that is 0/0 (scikit-learn's {@code zero_division=0}); NaN when empty. */
    public double f1() {
        if (total() == 0) {
            return Double.NaN;
        }
        long denominator = 2 * truePositives + falsePositives + falseNegatives;
        return denominator == 0 ? 0.0 : 2.0 * truePositives / denominator;
    }
}

package dev.flywheel.contracts.metric;

/** The argument checks every binary metric shares. */
final class BinaryInput {

    private BinaryInput() {
    }

    /**
     * @throws IllegalArgumentException when the arrays differ in length, a score is NaN, or a label is
     *                                  neither 0 nor 1 (ingest-service writes binary labels as 0 and 1)
     */
    static void check(double[] scores, double[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("scores and labels differ in length: " + scores.length + " vs "
                    + labels.length);
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            if (labels[i] != 0.0 && labels[i] != 1.0) {
                throw new IllegalArgumentException("label " + i + " must be 0 or 1 but was " + labels[i]);
            }
        }
    }
}

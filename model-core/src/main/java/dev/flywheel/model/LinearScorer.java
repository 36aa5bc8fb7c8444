package dev.flywheel.model;

/**
 * Scores {@code intercept + coefficients · features}: the predicted value of a linear regression. Immutable,
 * hence thread-safe; nothing to free.
 */
final class LinearScorer implements Scorer {

    private final double intercept;
    private final double[] coefficients;
    private volatile boolean closed;

    LinearScorer(double intercept, double[] coefficients) {
        this.intercept = intercept;
        this.coefficients = coefficients.clone();
    }

    @Override
    public int width() {
        return coefficients.length;
    }

    @Override
    public double score(double[] features) {
        if (closed) {
            throw new IllegalStateException("scorer is closed");
        }
        if (features.length != coefficients.length) {
            throw new IllegalArgumentException("expected " + coefficients.length + " features but got "
                    + features.length);
        }
        double value = intercept;
        for (int i = 0; i < coefficients.length; i++) {
            value += coefficients[i] * features[i];
        }
        return value;
    }


    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}

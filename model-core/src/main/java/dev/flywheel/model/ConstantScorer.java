package dev.flywheel.model;

/** Scores every row of the right width with one value ({@link ConstantModel}). Thread-safe, nothing to free. */
final class ConstantScorer implements Scorer {

    private final double value;
    private final int width;
    private volatile boolean closed;

    ConstantScorer(double value, int width) {
        this.value = value;
        this.width = width;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public double score(double[] features) {
        if (closed) {
            throw new IllegalStateException("scorer is closed");
        }
        if (features.length != width) {
            throw new IllegalArgumentException("expected " + width + " features but got " + features.length);
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

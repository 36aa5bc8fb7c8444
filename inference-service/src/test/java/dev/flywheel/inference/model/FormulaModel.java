package dev.flywheel.inference.model;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pure-Java stand-in for a served model: a logistic of the weighted sum of its inputs. It records every
 * call, and every call that overlapped its {@link #close()}, which a correct holder never lets happen.
 */
final class FormulaModel implements ServingModel {

    private final String version;
    private final List<String> featureNames;
    private final double weight;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong scores = new AtomicLong();
    private final AtomicLong callsWhileClosed = new AtomicLong();

    FormulaModel(String version, List<String> featureNames, double weight) {
        this.version = version;
        this.featureNames = List.copyOf(featureNames);
        this.weight = weight;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<String> featureNames() {
        return featureNames;
    }

    @Override
    public double threshold() {
        return 0.5;
    }

    @Override
    public double score(double[] features) {
        if (features.length != featureNames.size()) {
            throw new IllegalArgumentException(features.length + " features for a model of " + featureNames.size());
        }
        checkOpen();
        double sum = 0;
        for (double feature : features) {
            sum += weight * feature;
        }
        double score = 1 / (1 + Math.exp(-sum));
        // Checked again on the way out: a close() that came while this call ran is a violation too.
        checkOpen();
        scores.incrementAndGet();
        return score;
    }

    private void checkOpen() {
        if (closed.get()) {
            callsWhileClosed.incrementAndGet();
            throw new IllegalStateException("model " + version + " is closed");
        }
    }

    @Override
    public Object metadata() {
        return Map.of("version", version, "weight", weight);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            throw new IllegalStateException("model " + version + " closed twice");
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    long scores() {
        return scores.get();
    }

    long callsWhileClosed() {
        return callsWhileClosed.get();
    }
}

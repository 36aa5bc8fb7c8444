package dev.flywheel.bench.monitor;

import java.util.Random;
import java.util.function.LongToDoubleFunction;

/**
 * Synthetic error streams (1 = misclassified) with a known drift point, as Bernoulli draws of an error rate that
 * changes with the outcome's index: abrupt (a step), gradual (a sigmoid of the given width centred on the
 * drift point), incremental (a linear ramp starting at the drift point), stationary (no change). Seeded.
 */
record ErrorStreams(double before, double after, long driftAt, long width) {

    enum Shape { ABRUPT, GRADUAL, INCREMENTAL, STATIONARY }

    LongToDoubleFunction rate(Shape shape) {
        return switch (shape) {
            case ABRUPT -> i -> i < driftAt ? before : after;
            case GRADUAL -> i -> before + (after - before) / (1 + Math.exp(-(i - driftAt) / (width / 8.0)));
            case INCREMENTAL -> i -> i < driftAt ? before
                    : before + (after - before) * Math.min(1, (double) (i - driftAt) / width);
            case STATIONARY -> i -> before;
        };
    }

    /** Index where the change starts, as delays are counted: the step, the sigmoid's start (centre − width/2), the ramp's start. */
    long changeStart(Shape shape) {
        return shape == Shape.GRADUAL ? driftAt - width / 2 : driftAt;
    }

    static double[] draw(LongToDoubleFunction rate, int length, Random random) {
        double[] errors = new double[length];
        for (int i = 0; i < length; i++) {
            errors[i] = random.nextDouble() < rate.applyAsDouble(i) ? 1 : 0;
        }
        return errors;
    }
}

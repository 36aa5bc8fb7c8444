package dev.flywheel.training.eda;

/** Undefined statistics (a std of one value, a correlation with a constant) become JSON nulls, not NaN. */
final class Stats {

    private Stats() {
    }

    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}

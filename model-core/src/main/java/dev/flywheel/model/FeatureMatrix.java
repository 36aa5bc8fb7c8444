package dev.flywheel.model;

/** Standardised rows packed row-major into one array: what becomes one input tensor. */
record FeatureMatrix(float[] values, int rows, int columns) {

    FeatureMatrix {
        if (values.length != rows * columns) {
            throw new IllegalArgumentException(values.length + " values for " + rows + " x " + columns);
        }
    }
}

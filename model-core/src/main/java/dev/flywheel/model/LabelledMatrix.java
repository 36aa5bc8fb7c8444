package dev.flywheel.model;

import dev.flywheel.contracts.spec.ModelTask;

/**
 * Training rows in memory: one raw (unstandardised) feature vector per row and its label, 0 or 1 for binary
 * classification, any finite number for regression. Arrays are taken as they are, not copied: the caller hands
 * them over.
 *
 * @param task what the labels are: it decides which loss a trainer fits
 */
public record LabelledMatrix(double[][] rows, double[] labels, ModelTask task) {

    public LabelledMatrix {
        if (rows.length != labels.length) {
            throw new IllegalArgumentException(rows.length + " rows but " + labels.length + " labels");
        }
        if (task == null) {
            throw new IllegalArgumentException("task must be given");
        }
        int width = rows.length == 0 ? 0 : rows[0].length;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " features, row 0 has " + width);
            }
            if (task == ModelTask.BINARY_CLASSIFICATION && labels[i] != 0.0 && labels[i] != 1.0) {
                throw new IllegalArgumentException("row " + i + ": label must be 0 or 1 but was " + labels[i]);
            }
            if (task == ModelTask.REGRESSION && !Double.isFinite(labels[i])) {
                throw new IllegalArgumentException("row " + i + ": a regression label must be finite but was "
                        + labels[i]);
            }
        }
    }

    /** Binary classification rows. */
    public LabelledMatrix(double[][] rows, double[] labels) {
        this(rows, labels, ModelTask.BINARY_CLASSIFICATION);
    }

    /** Other rows with the same labels and task, e.g. a subset of the columns. */
    public LabelledMatrix withRows(double[][] otherRows) {
        return new LabelledMatrix(otherRows, labels, task);
    }

    public int size() {
        return rows.length;
    }

    public int width() {
        return rows.length == 0 ? 0 : rows[0].length;
    }

    /** Rows labelled 1 (binary classification; 0 for regression). */
    public int positives() {
        if (task != ModelTask.BINARY_CLASSIFICATION) {
            return 0;
        }
        int count = 0;
        for (double label : labels) {
            count += (int) label;
        }
        return count;
    }

    public boolean isRegression() {
        return task == ModelTask.REGRESSION;
    }
}

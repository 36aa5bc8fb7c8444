package dev.flywheel.model;

/**
 * Training rows in memory: one raw (unstandardised) feature vector per row and its 0/1 label.
 * Arrays are taken as they are, not copied: the caller hands them over.
 */
public record LabelledMatrix(double[][] rows, double[] labels) {

    public LabelledMatrix {
        if (rows.length != labels.length) {
            throw new IllegalArgumentException(rows.length + " rows but " + labels.length + " labels");
        }
        int width = rows.length == 0 ? 0 : rows[0].length;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " features, row 0 has " + width);
            }
            if (labels[i] != 0.0 && labels[i] != 1.0) {
                throw new IllegalArgumentException("row " + i + ": label must be 0 or 1 but was " + labels[i]);
            }
        }
    }

    public int size() {
        return rows.length;
    }

    public int width() {
        return rows.length == 0 ? 0 : rows[0].length;
    }

    public int positives() {
        int count = 0;
        for (double label : labels) {
            count += (int) label;
        }
        return count;
    }
}

package dev.flywheel.training.tuning;

import java.util.List;

import dev.flywheel.model.LabelledMatrix;

/**
 * The held-out rows in the column order a model takes: a model registered with its own feature signature
 * (an imported ONNX model reads a subset of the spec's features, in its own order) is judged on exactly
 * the rows every candidate was judged on, with only its columns.
 */
public final class HoldoutColumns {

    private HoldoutColumns() {
    }

    /**
     * The columns {@code wanted} of {@code matrix}, whose columns are {@code available}.
     *
     * @throws IllegalArgumentException naming the features that are not available
     */
    public static LabelledMatrix select(LabelledMatrix matrix, List<String> available, List<String> wanted) {
        if (wanted.equals(available)) {
            return matrix;
        }
        int[] indexes = indexes(available, wanted);
        double[][] rows = new double[matrix.size()][];
        for (int i = 0; i < rows.length; i++) {
            double[] source = matrix.rows()[i];
            double[] row = new double[indexes.length];
            for (int j = 0; j < indexes.length; j++) {
                row[j] = source[indexes[j]];
            }
            rows[i] = row;
        }
        return matrix.withRows(rows);
    }

    /**
     * Where each wanted feature is among the available ones.
     *
     * @throws IllegalArgumentException naming the features that are not available, or a repeated one
     */
    public static int[] indexes(List<String> available, List<String> wanted) {
        List<String> missing = wanted.stream().filter(name -> !available.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("features " + missing + " are not among the pipeline's features "
                    + available);
        }
        if (wanted.stream().distinct().count() != wanted.size()) {
            throw new IllegalArgumentException("the feature signature " + wanted + " names a feature twice");
        }
        return wanted.stream().mapToInt(available::indexOf).toArray();
    }
}

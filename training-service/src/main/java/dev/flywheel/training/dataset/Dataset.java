package dev.flywheel.training.dataset;

import java.util.List;

import dev.flywheel.model.LabelledMatrix;

/**
 * Examples split by time: the model learns from {@code train} and is judged on {@code test}, which lies
 * entirely later, as the model will be used. Both in event-time order.
 *
 * @param featureNames the columns of the matrices, in the spec's order
 */
public record Dataset(List<String> featureNames, List<LabelledRow> train, List<LabelledRow> test,
                      DatasetSummary summary) {

    public Dataset {
        featureNames = List.copyOf(featureNames);
        train = List.copyOf(train);
        test = List.copyOf(test);
    }

    /** The training slice; the rows' feature arrays are shared, not copied. */
    public LabelledMatrix trainMatrix() {
        return matrix(train);
    }

    public LabelledMatrix testMatrix() {
        return matrix(test);
    }

    /**
     * The test slice for a model trained on {@code columns}.
     *
     * @throws IllegalArgumentException when those are not this dataset's features (a champion trained
     *                                  before the spec's features changed cannot be judged on these rows)
     */
    public LabelledMatrix testMatrix(List<String> columns) {
        if (!columns.equals(featureNames)) {
            throw new IllegalArgumentException("the model was trained on features " + columns + " but the spec now has "
                    + featureNames);
        }
        return matrix(test);
    }

    private static LabelledMatrix matrix(List<LabelledRow> rows) {
        double[][] features = new double[rows.size()][];
        double[] labels = new double[rows.size()];
        for (int i = 0; i < features.length; i++) {
            features[i] = rows.get(i).features();
            labels[i] = rows.get(i).label();
        }
        return new LabelledMatrix(features, labels);
    }
}

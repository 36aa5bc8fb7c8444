package dev.flywheel.training.dataset;

import java.util.List;

import dev.flywheel.contracts.spec.ModelTask;
import dev.flywheel.model.CleaningSteps;
import dev.flywheel.model.LabelledMatrix;

/**
 * Examples split by time: the model learns from {@code train} and is judged on {@code test}, which lies
 * entirely later, as the model will be used. Both in event-time order, and cleaned when the spec asks for it.
 *
 * @param featureNames         the columns of the matrices: the spec's features in its order, less any column
 *                             the cleaning dropped
 * @param cleaning             the cleaning applied to both slices; null without
 * @param uncleanedFeatureNames the spec's features, the columns of the uncleaned rows
 * @param uncleanedTrain       the training rows {@code train} holds, as read (before imputation and clipping;
 *                             for the data profile)
 * @param uncleanedTest        the held-out rows {@code test} holds, as read, so a champion trained with other
 *                             cleaning is judged on them as it is served
 * @param task                 what the labels are (0/1 or numbers): the matrices carry it to the trainers
 */
public record Dataset(List<String> featureNames, List<LabelledRow> train, List<LabelledRow> test,
                      DatasetSummary summary, CleaningSteps cleaning, List<String> uncleanedFeatureNames,
                      List<LabelledRow> uncleanedTrain, List<LabelledRow> uncleanedTest, ModelTask task) {

    public Dataset {
        featureNames = List.copyOf(featureNames);
        train = List.copyOf(train);
        test = List.copyOf(test);
        uncleanedFeatureNames = List.copyOf(uncleanedFeatureNames);
        uncleanedTrain = List.copyOf(uncleanedTrain);
        uncleanedTest = List.copyOf(uncleanedTest);
        if (uncleanedTrain.size() != train.size() || uncleanedTest.size() != test.size()) {
            throw new IllegalArgumentException(train.size() + " training and " + test.size() + " held-out rows but "
                    + uncleanedTrain.size() + " and " + uncleanedTest.size() + " uncleaned ones");
        }
    }

    /** Binary classification. */
    public Dataset(List<String> featureNames, List<LabelledRow> train, List<LabelledRow> test,
                   DatasetSummary summary, CleaningSteps cleaning, List<String> uncleanedFeatureNames,
                   List<LabelledRow> uncleanedTrain, List<LabelledRow> uncleanedTest) {
        this(featureNames, train, test, summary, cleaning, uncleanedFeatureNames, uncleanedTrain, uncleanedTest,
                ModelTask.BINARY_CLASSIFICATION);
    }

    /** Without cleaning, binary classification. */
    public Dataset(List<String> featureNames, List<LabelledRow> train, List<LabelledRow> test,
                   DatasetSummary summary) {
        this(featureNames, train, test, summary, null, featureNames, train, test);
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

    /**
     * The held-out rows as a model trained on {@code columns} with its own {@code cleaning} (null: none) sees them
     * when served: the uncleaned rows, those columns, its imputation and clipping. The same rows as
     * {@link #testMatrix()}, so a champion and a challenger trained with different cleaning compare fairly.
     *
     * @throws IllegalArgumentException when a column is not one of the spec's features
     */
    public LabelledMatrix testMatrix(List<String> columns, CleaningSteps cleaning) {
        if (cleaning == null && this.cleaning == null && columns.equals(featureNames)) {
            return testMatrix();
        }
        int[] positions = new int[columns.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = uncleanedFeatureNames.indexOf(columns.get(i));
            if (positions[i] < 0) {
                throw new IllegalArgumentException("the model was trained on feature '" + columns.get(i)
                        + "', which the spec no longer has: " + uncleanedFeatureNames);
            }
        }
        double[][] features = new double[uncleanedTest.size()][];
        double[] labels = new double[uncleanedTest.size()];
        for (int i = 0; i < features.length; i++) {
            double[] raw = uncleanedTest.get(i).features();
            double[] row = new double[positions.length];
            for (int j = 0; j < positions.length; j++) {
                row[j] = raw[positions[j]];
            }
            features[i] = cleaning == null ? row : cleaning.applyTo(row);
            labels[i] = uncleanedTest.get(i).label();
        }
        return new LabelledMatrix(features, labels, task);
    }

    private LabelledMatrix matrix(List<LabelledRow> rows) {
        double[][] features = new double[rows.size()][];
        double[] labels = new double[rows.size()];
        for (int i = 0; i < features.length; i++) {
            features[i] = rows.get(i).features();
            labels[i] = rows.get(i).label();
        }
        return new LabelledMatrix(features, labels, task);
    }
}

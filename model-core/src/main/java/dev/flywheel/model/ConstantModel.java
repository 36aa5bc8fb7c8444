package dev.flywheel.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.ModelTask;

/**
 * The regression baseline ({@value #MODEL_TYPE}): every row is predicted as the training slice's mean label, as
 * scikit-learn's {@code DummyRegressor(strategy="mean")}. A model that does not beat it has learnt nothing from the
 * features; on the held-out slice its R² is about 0 by construction.
 *
 * @param value        the prediction, the mean label of the rows it was fitted on
 * @param featureNames the features a row holds, all ignored
 */
public record ConstantModel(double value, List<String> featureNames) implements TrainedModel {

    public static final String MODEL_TYPE = "constant";

    /** What {@value ConstantFamily#MODEL_FILE} holds. */
    record ConstantFile(double value) {
    }

    public ConstantModel {
        featureNames = List.copyOf(featureNames);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the constant must be finite but was " + value);
        }
    }

    /**
     * The mean label of {@code train}.
     *
     * @throws IllegalArgumentException when the rows are empty or not regression rows
     */
    public static ConstantModel meanOf(LabelledMatrix train, List<String> featureNames) {
        if (train.size() == 0 || train.task() != ModelTask.REGRESSION) {
            throw new IllegalArgumentException("the mean baseline needs regression rows, got " + train.size() + " "
                    + train.task().keyword() + " rows");
        }
        double sum = 0;
        for (double label : train.labels()) {
            sum += label;
        }
        return new ConstantModel(sum / train.size(), featureNames);
    }

    /** How a report names it. */
    public String text() {
        return String.format(Locale.ROOT, "predict the training mean %.6g", value);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public int width() {
        return featureNames.size();
    }

    @Override
    public Map<String, byte[]> artifactFiles() {
        try {
            return Map.of(ConstantFamily.MODEL_FILE, Json.mapper().writeValueAsBytes(new ConstantFile(value)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Scorer scorer() {
        return new ConstantScorer(value, featureNames.size());
    }

    @Override
    public Map<String, Object> effectiveParams() {
        return Map.of("value", value, TaskParam.KEY, ModelTask.REGRESSION.keyword());
    }

    @Override
    public double positiveWeight() {
        return 1;
    }

    @Override
    public Duration duration() {
        return Duration.ZERO;
    }
}

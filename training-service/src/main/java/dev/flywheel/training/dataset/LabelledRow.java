package dev.flywheel.training.dataset;

import java.time.Instant;
import java.util.List;

import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.contracts.spec.ModelTask;

/**
 * An example reduced to what training needs, while it is read: a month of examples as maps of boxed
 * doubles would take about four times the memory.
 *
 * @param eventId  the labelled event ({@code ExampleLabelled.sourceEventId})
 * @param features in the spec's feature order; NaN where the example lacks a feature
 */
public record LabelledRow(String eventId, Instant eventTime, double[] features, double label) {

    public static LabelledRow of(ExampleLabelled example, List<String> featureNames) {
        double[] features = new double[featureNames.size()];
        for (int i = 0; i < features.length; i++) {
            Double value = example.features().get(featureNames.get(i));
            features[i] = value == null ? Double.NaN : value;
        }
        return new LabelledRow(example.sourceEventId(), example.eventTime(), features, example.label());
    }

    /** Every feature present and finite, the label 0 or 1, the event time known. */
    public boolean isUsable() {
        return isUsable(ModelTask.BINARY_CLASSIFICATION);
    }

    /** Every feature present and finite, the label fit for {@code task} (0 or 1; any finite number), the event time known. */
    public boolean isUsable(ModelTask task) {
        if (eventId == null || eventTime == null || !hasLabelFor(task)) {
            return false;
        }
        for (double value : features) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    /** Binary classification: 0 or 1; regression: any finite number. */
    public boolean hasLabelFor(ModelTask task) {
        return task == ModelTask.REGRESSION ? Double.isFinite(label) : label == 0.0 || label == 1.0;
    }
}

package dev.flywheel.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.flywheel.contracts.spec.ModelTask;

/**
 * The {@value #KEY} entry a regression version's {@code trainingParams} carries, so a family loads the scorer that
 * answers a value rather than a probability. A version without the entry (every version written before regression)
 * is a binary classifier: the key is additive and {@link ModelMetadata} keeps its shape.
 */
public final class TaskParam {

    /** The key in {@link ModelMetadata#trainingParams()}. */
    public static final String KEY = "task";

    private TaskParam() {
    }

    /** The task a version was trained for; binary classification when the params do not say. */
    public static ModelTask of(Map<String, Object> trainingParams) {
        Object value = trainingParams == null ? null : trainingParams.get(KEY);
        if (value == null) {
            return ModelTask.BINARY_CLASSIFICATION;
        }
        return Arrays.stream(ModelTask.values()).filter(task -> task.keyword().equals(value.toString())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("trainingParams.task: unknown task '" + value + "'"));
    }

    /** {@code params} with the task recorded when it is regression (binary versions stay as they were). */
    static Map<String, Object> with(Map<String, Object> params, ModelTask task) {
        if (task == ModelTask.BINARY_CLASSIFICATION) {
            return params;
        }
        Map<String, Object> copy = new LinkedHashMap<>(params);
        copy.put(KEY, task.keyword());
        return copy;
    }
}

package dev.flywheel.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.ModelType;

/**
 * The outcome of a {@code linear_regression} fit: an intercept and one coefficient per feature, in raw feature
 * units. Written as {@value LinearFamily#MODEL_FILE}; pure Java to score, nothing native to free.
 */
public record TrainedLinear(double intercept, double[] coefficients, Duration duration) implements TrainedModel {

    /** What {@value LinearFamily#MODEL_FILE} holds. */
    record LinearFile(double intercept, double[] coefficients) {
    }

    public TrainedLinear {
        coefficients = coefficients.clone();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public String modelType() {
        return ModelType.LINEAR_REGRESSION.keyword();
    }

    @Override
    public int width() {
        return coefficients.length;
    }

    @Override
    public Map<String, byte[]> artifactFiles() {
        try {
            return Map.of(LinearFamily.MODEL_FILE, Json.mapper().writeValueAsBytes(new LinearFile(intercept,
                    coefficients)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Scorer scorer() {
        return new LinearScorer(intercept, coefficients);
    }

    @Override
    public Map<String, Object> effectiveParams() {
        return new LinearParams().asMap();
    }

    @Override
    public double positiveWeight() {
        return 1;
    }
}

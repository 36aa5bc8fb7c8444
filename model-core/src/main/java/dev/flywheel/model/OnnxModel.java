package dev.flywheel.model;

import java.time.Duration;
import java.util.Map;

/**
 * A binary classifier trained elsewhere and exported as ONNX ({@code onnx}), brought in with its feature
 * signature (the feature names in the model's input order, which the metadata records). Nothing is
 * fitted here; the bytes are kept as they came.
 */
public record OnnxModel(byte[] model, int width) implements TrainedModel {

    public static final String MODEL_TYPE = "onnx";

    public OnnxModel {
        model = model.clone();
        if (width < 1) {
            throw new IllegalArgumentException("an ONNX model needs at least one feature, got " + width);
        }
    }

    /**
     * Checks that the bytes load as a binary classifier of {@code width} features.
     *
     * @throws IllegalArgumentException saying why not
     */
    public static OnnxModel of(byte[] model, int width) {
        OnnxModel onnx = new OnnxModel(model, width);
        OnnxScorer.load(model, width).close();
        return onnx;
    }

    @Override
    public byte[] model() {
        return model.clone();
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public Map<String, byte[]> artifactFiles() {
        return Map.of(OnnxFamily.MODEL_FILE, model.clone());
    }

    @Override
    public Scorer scorer() {
        return OnnxScorer.load(model, width);
    }

    @Override
    public Map<String, Object> effectiveParams() {
        return Map.of();
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

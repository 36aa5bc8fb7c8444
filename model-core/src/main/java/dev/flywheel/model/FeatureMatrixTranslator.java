package dev.flywheel.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Turns a {@link FeatureMatrix} into one {@code rows x columns} tensor and the network's output back into
 * one logit per row. No batchifier: stacking rows one by one was 20-100x slower than building the
 * tensor in one go.
 */
final class FeatureMatrixTranslator implements NoBatchifyTranslator<FeatureMatrix, float[]> {

    @Override
    public NDList processInput(TranslatorContext ctx, FeatureMatrix input) {
        return new NDList(ctx.getNDManager().create(input.values(), new Shape(input.rows(), input.columns())));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        return list.singletonOrThrow().toFloatArray();
    }
}

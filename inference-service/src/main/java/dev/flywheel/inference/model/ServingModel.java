package dev.flywheel.inference.model;

import java.util.List;
import java.util.Map;

/**
 * A model as the inference service serves it: what it needs (feature names, in column order), what it
 * answers (a score), and how a score becomes a decision. Implementations must be safe for concurrent
 * {@link #score} calls; {@link #close} is called exactly once, after the last call has returned.
 */
public interface ServingModel extends AutoCloseable {

    /** The registry version, as named in {@code ModelPromoted.modelVersion}. */
    String version();

    /** The inputs, in the order {@link #score} expects them. */
    List<String> featureNames();

    /** Binary tasks: a score {@code >= threshold} is a positive decision. */
    double threshold();

    /** Scores one row of {@link #featureNames()}.size() values. */
    double score(double[] features);

    /** Scores many rows at once; implementations with a vectorised path override this. */
    default double[] scoreBatch(double[][] rows) {
        double[] scores = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            scores[i] = score(rows[i]);
        }
        return scores;
    }

    /** What kind of model this is, for the Open Inference Protocol's model metadata ({@code platform}). */
    default String platform() {
        return "flywheel";
    }

    /**
     * A typical value of each feature, for explanations ({@code ScoreDrivers}): the median of the version's training
     * reference ({@code reference.json}); empty when the version has none.
     */
    default Map<String, Double> typicalValues() {
        return Map.of();
    }

    /** What {@code GET /v1/pipelines/{p}/model} shows about the model (its registry metadata). */
    Object metadata();

    /** Frees the model's native resources; no exception is expected, but callers log one if thrown. */
    @Override
    void close();
}

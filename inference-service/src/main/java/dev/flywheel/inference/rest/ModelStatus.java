package dev.flywheel.inference.rest;

import java.time.Instant;
import java.util.List;

import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.inference.model.LoadFailure;

/**
 * What serves a pipeline: {@code GET /v1/pipelines/{p}/model}.
 *
 * @param modelVersion  the serving version; null while none serves
 * @param promotion     the promotion that installed it
 * @param metadata      the model's registry metadata (metrics, training data, ...)
 * @param lastFailure   the last promotion that could not be served, if it came after the serving model
 */
public record ModelStatus(String pipeline, String modelVersion, List<String> featureNames, Double threshold,
                          Instant loadedAt, ModelPromoted promotion, Object metadata, LoadFailure lastFailure) {
}

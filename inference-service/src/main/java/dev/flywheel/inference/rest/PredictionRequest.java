package dev.flywheel.inference.rest;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/pipelines/{p}/predict}, one element of {@code .../predict/batch}: a row given
 * either as its features or as its raw event. Values stay JSON until they are checked, so that a wrong one is
 * reported by name rather than as unreadable JSON.
 *
 * @param features  feature name to number, every feature the serving model needs
 * @param event     instead of features: the raw event (entity ids and fields, as ingest takes it); its own
 *                  features are computed from it, its aggregates come from feature-service's online store
 * @param eventId   optional: the event predicted on; the logged prediction is keyed by it, joining its label
 *                  (for an {@code event} row, its id field when this is absent)
 * @param eventTime optional: when that event happened, ISO-8601 with zone or epoch milliseconds (for an
 *                  {@code event} row, its time field wins)
 */
public record PredictionRequest(Map<String, JsonNode> features, JsonNode event, String eventId, JsonNode eventTime) {
}

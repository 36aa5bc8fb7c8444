package dev.flywheel.inference.rest;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/pipelines/{p}/predict}, one element of {@code .../predict/batch}. Values stay
 * JSON until they are checked, so that a wrong one is reported by name rather than as unreadable JSON.
 *
 * @param features  feature name to number, every feature the serving model needs
 * @param eventId   optional: the event predicted on; the logged prediction is keyed by it, joining its label
 * @param eventTime optional: when that event happened, ISO-8601 with zone or epoch milliseconds
 */
public record PredictionRequest(Map<String, JsonNode> features, String eventId, JsonNode eventTime) {
}

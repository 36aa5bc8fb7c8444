package dev.flywheel.feature.rest;

import java.time.Instant;
import java.util.Map;

/**
 * The answer of {@code GET /v1/pipelines/{p}/features/{entity}/{value}}: the online store's values of one entity.
 *
 * @param entity   the entity field ({@code customer_id})
 * @param value    the entity value ({@code C123})
 * @param asOf     the event time of the entity's most recent event: the aggregates are as computed for it
 * @param eventId  that event
 * @param features aggregate name → value, for every aggregate that groups by {@code entity}, in spec order
 */
public record EntityFeatures(String pipeline, String entity, String value, Instant asOf, String eventId,
                             Map<String, Double> features) {
}

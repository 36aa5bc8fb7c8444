package dev.flywheel.feature.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /v1/pipelines/{p}/features?customer_id=C1&terminal_id=T9}: the aggregate part of a
 * feature vector, put together from the online store's values of several entities. An inference request adds the
 * event's own features (values, flags, ratios) to it.
 *
 * @param entities each entity found: its value and what its aggregates are as of
 * @param features aggregate name → value of every entity found, in spec order
 * @param missing  entity fields asked for whose value has no entry (never seen): their aggregates are absent
 */
public record EntityVector(String pipeline, Map<String, AsOf> entities, Map<String, Double> features,
                           List<String> missing) {

    /**
     * @param value   the entity value asked for
     * @param asOf    the event time of the entity's most recent event
     * @param eventId that event
     */
    public record AsOf(String value, Instant asOf, String eventId) {
    }
}

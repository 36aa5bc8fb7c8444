package dev.flywheel.inference.features;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The part of feature-service's merged online answer ({@code GET /v1/pipelines/{p}/features?<entity>=..}) the
 * service uses: every known entity's latest aggregates by feature name, and the entity fields whose value the
 * store has never seen (their aggregates are absent).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OnlineAggregates(Map<String, Double> features, List<String> missing) {

    public OnlineAggregates {
        features = features == null ? Map.of() : Map.copyOf(features);
        missing = missing == null ? List.of() : List.copyOf(missing);
    }
}

package dev.flywheel.feature.streams;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.spec.FeatureDef;
import dev.flywheel.contracts.spec.FlagFeature;
import dev.flywheel.contracts.spec.ValueFeature;

/** The part of a vector that needs only the event itself: value and flag features, and the fields ratios read. */
final class LocalFeatures {

    private LocalFeatures() {
    }

    /**
     * A missing or null value field gives 0: vectors hold numbers only (JSON has no NaN), and 0 is also what
     * an empty aggregate gives.
     */
    static VectorPart.Local of(FeaturePlan plan, EventIngested event, Map<String, String> entities, int entityParts) {
        JsonNode payload = event.payload();
        Map<String, Double> features = new LinkedHashMap<>();
        for (FeatureDef feature : plan.spec().features()) {
            if (feature instanceof ValueFeature value) {
                features.put(value.name(), EventFields.number(payload, value.field()).orElse(0));
            } else if (feature instanceof FlagFeature flag) {
                features.put(flag.name(), flag.isSet(event.eventTime()) ? 1.0 : 0.0);
            }
        }
        Map<String, Double> fields = new LinkedHashMap<>();
        plan.ratioFields().forEach(field -> fields.put(field, EventFields.number(payload, field).orElse(0)));
        return new VectorPart.Local(event.eventId(), event.eventTime(), entities, features, fields, entityParts);
    }
}

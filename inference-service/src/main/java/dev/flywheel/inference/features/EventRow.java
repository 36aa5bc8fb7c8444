package dev.flywheel.inference.features;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.spec.AggregateFeature;
import dev.flywheel.contracts.spec.AggregateKind;
import dev.flywheel.contracts.spec.FeatureDef;
import dev.flywheel.contracts.spec.FieldViolation;
import dev.flywheel.contracts.spec.FlagFeature;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.RatioFeature;
import dev.flywheel.contracts.spec.TimestampFormat;
import dev.flywheel.contracts.spec.ValueFeature;

/**
 * A row given as a raw event (its id, time, entity ids and fields, as ingest takes it) rather than as
 * features. The event's own features are computed here as feature-service computes them (value: the field
 * as a number, booleans 1/0, missing 0; flag: of the event time in UTC; ratio: 0 when the denominator is 0);
 * the aggregates come from the online store for the entities the aggregates group by.
 *
 * <p>An entity the store has never seen gets the empty window's values, as feature-service gives an event
 * without that entity: 0, and {@code window + delay} in seconds for {@code time_since_last}.
 *
 * @param entities  entity field to value, for every field some aggregate groups by
 * @param eventTime the event's time: its time field, else the request's {@code eventTime}
 * @param eventId   its id field, if present
 */
public record EventRow(PipelineSpec spec, JsonNode event, Map<String, String> entities, Instant eventTime,
                       String eventId) {

    /** The row, or every reason there is none. */
    public record Reading(EventRow row, List<FieldViolation> violations) {

        public boolean valid() {
            return violations.isEmpty();
        }
    }

    /**
     * Checks the event against the pipeline's schema and reads what the features need.
     *
     * @param prefix        where the event is in the request, for violations: {@code event}, {@code [2].event}
     * @param requestedTime the request's {@code eventTime}, used when the event has no time field
     */
    public static Reading read(PipelineSpec spec, JsonNode event, String prefix, Instant requestedTime) {
        if (event == null || !event.isObject()) {
            return refused(new FieldViolation(prefix, FieldViolation.OBJECT,
                    "must be an object of the event's fields (" + spec.schema().fieldNames() + ")", event));
        }
        List<FieldViolation> violations = new ArrayList<>();
        for (FieldViolation violation : spec.schema().validate(event)) {
            violations.add(new FieldViolation(prefix + "." + violation.field(), violation.rule(), violation.reason(),
                    violation.value()));
        }
        Map<String, String> entities = new LinkedHashMap<>();
        for (FeatureDef feature : spec.features()) {
            if (feature instanceof AggregateFeature aggregate && !entities.containsKey(aggregate.by())) {
                Optional<String> value = entityValue(event.get(aggregate.by()));
                if (value.isEmpty()) {
                    violations.add(new FieldViolation(prefix + "." + aggregate.by(), FieldViolation.REQUIRED,
                            "the entity id the aggregates group by: a string or an integer", event.get(aggregate.by())));
                } else {
                    entities.put(aggregate.by(), value.get());
                }
            }
        }
        Instant eventTime = TimestampFormat.read(event.get(spec.eventTimeField())).orElse(requestedTime);
        if (eventTime == null) {
            violations.add(new FieldViolation(prefix + "." + spec.eventTimeField(), FieldViolation.REQUIRED,
                    "the event time (or the request's eventTime): " + TimestampFormat.EXPECTED, null));
        }
        String eventId = entityValue(event.get(spec.eventIdField())).orElse(null);
        if (!violations.isEmpty()) {
            return new Reading(null, List.copyOf(violations));
        }
        // In the spec's order, so the store is asked the same way every time (Map.copyOf would not keep it).
        return new Reading(new EventRow(spec, event, Collections.unmodifiableMap(entities), eventTime, eventId),
                List.of());
    }

    /** Every feature of the pipeline, in spec order, with the aggregates the online store gave. */
    public Map<String, Double> features(OnlineAggregates aggregates) {
        Map<String, Double> features = new LinkedHashMap<>();
        for (FeatureDef feature : spec.features()) {
            double value;
            if (feature instanceof ValueFeature field) {
                value = number(field.field());
            } else if (feature instanceof FlagFeature flag) {
                value = flag.isSet(eventTime) ? 1.0 : 0.0;
            } else if (feature instanceof AggregateFeature aggregate) {
                Double stored = aggregates.features().get(aggregate.name());
                value = stored != null ? stored : emptyWindow(aggregate);
            } else {
                RatioFeature ratio = (RatioFeature) feature;
                // A feature of that name wins over an event field of the same name.
                double numerator = features.containsKey(ratio.numerator()) ? features.get(ratio.numerator())
                        : number(ratio.numerator());
                double denominator = features.containsKey(ratio.denominator()) ? features.get(ratio.denominator())
                        : number(ratio.denominator());
                value = denominator == 0 ? 0 : numerator / denominator;
            }
            features.put(feature.name(), value);
        }
        return features;
    }

    private double number(String field) {
        JsonNode value = event.get(field);
        if (value == null) {
            return 0;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        return value.isBoolean() && value.booleanValue() ? 1 : 0;
    }

    private static double emptyWindow(AggregateFeature aggregate) {
        if (aggregate.kind() == AggregateKind.TIME_SINCE_LAST) {
            Duration reach = aggregate.window().plus(aggregate.delay());
            return reach.toMillis() / 1000.0;
        }
        return 0;
    }

    private static Optional<String> entityValue(JsonNode value) {
        if (value != null && value.isTextual() && !value.textValue().isBlank()) {
            return Optional.of(value.textValue());
        }
        if (value != null && value.isIntegralNumber()) {
            return Optional.of(value.bigIntegerValue().toString());
        }
        return Optional.empty();
    }

    private static Reading refused(FieldViolation violation) {
        return new Reading(null, List.of(violation));
    }
}

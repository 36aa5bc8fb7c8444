package dev.flywheel.contracts.spec;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One pipeline, as declared by its YAML file ({@link PipelineSpecs} loads it); every service reads the same
 * file. Immutable and already checked: references between its parts are known to hold.
 *
 * @param name           {@code [a-z0-9][a-z0-9-]*}; topics are named {@code flywheel.<name>.<stream>}
 * @param eventIdField   a required string or integer field; identifies the event across every topic
 * @param eventTimeField a required timestamp field; all windows are in event time
 * @param entities       the fields aggregates may group by
 * @param features       the model inputs, in declaration order
 * @param business       what decisions are worth and the goals the pipeline is held to; empty without a
 *                       {@code business} section
 */
public record PipelineSpec(String name, String description, EventSchema schema, String eventIdField,
                           String eventTimeField, List<String> entities, LabelSpec label,
                           List<FeatureDef> features, ModelSpec model, MonitoringSpec monitoring,
                           ValidationSpec validation, List<SourceSpec> sources, Optional<BusinessSpec> business) {

    public PipelineSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(eventIdField, "eventIdField");
        Objects.requireNonNull(eventTimeField, "eventTimeField");
        entities = List.copyOf(entities);
        Objects.requireNonNull(label, "label");
        features = List.copyOf(features);
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(monitoring, "monitoring");
        Objects.requireNonNull(validation, "validation");
        sources = List.copyOf(sources);
        Objects.requireNonNull(business, "business");
    }

    /** A spec without a {@code business} section. */
    public PipelineSpec(String name, String description, EventSchema schema, String eventIdField,
                        String eventTimeField, List<String> entities, LabelSpec label, List<FeatureDef> features,
                        ModelSpec model, MonitoringSpec monitoring, ValidationSpec validation,
                        List<SourceSpec> sources) {
        this(name, description, schema, eventIdField, eventTimeField, entities, label, features, model, monitoring,
                validation, sources, Optional.empty());
    }

    /** Feature names in declaration order: the column order of feature vectors. */
    public List<String> featureNames() {
        return features.stream().map(FeatureDef::name).toList();
    }

    public Optional<FeatureDef> feature(String name) {
        return features.stream().filter(feature -> feature.name().equals(name)).findFirst();
    }

    /**
     * The event time of an event that passed {@link EventSchema#validate}.
     *
     * @throws IllegalArgumentException when the field is missing or not a timestamp
     */
    public Instant eventTime(JsonNode event) {
        JsonNode value = event.get(eventTimeField);
        return TimestampFormat.read(value).orElseThrow(() -> new IllegalArgumentException(
                "event field '" + eventTimeField + "' is not a timestamp: " + value));
    }

    /**
     * The id of an event that passed {@link EventSchema#validate}: the string, or the integer's digits.
     *
     * @throws IllegalArgumentException when the field is missing or neither a string nor an integer
     */
    public String eventId(JsonNode event) {
        JsonNode value = event.get(eventIdField);
        if (value != null && value.isTextual()) {
            return value.textValue();
        }
        if (value != null && value.isNumber() && FieldType.INTEGER.accepts(value)) {
            return value.decimalValue().toBigInteger().toString();
        }
        throw new IllegalArgumentException("event field '" + eventIdField + "' is not an id: " + value);
    }
}

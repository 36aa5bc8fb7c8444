package dev.flywheel.contracts.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields an event of the pipeline has, in declaration order, and what happens to others. The ingest
 * service calls {@link #validate} on every event, so it does no allocation for a valid event beyond the
 * empty result.
 */
public record EventSchema(Map<String, FieldSpec> fields, AdditionalFields additionalFields) {

    public EventSchema {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        Objects.requireNonNull(additionalFields, "additionalFields");
    }

    public Optional<FieldSpec> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public List<String> fieldNames() {
        return List.copyOf(fields.keySet());
    }

    /**
     * Every way the event breaks the schema: missing required fields, nulls, wrong types, constraints and,
     * under {@code additionalFields: reject}, undeclared fields. Empty when the event is valid.
     */
    public List<FieldViolation> validate(JsonNode event) {
        if (event == null || !event.isObject()) {
            String got = event == null ? "nothing" : ValueDescriptions.describe(event);
            return List.of(new FieldViolation("$", FieldViolation.OBJECT, "expected a JSON object but got " + got, event));
        }
        List<FieldViolation> violations = new ArrayList<>(0);
        for (FieldSpec field : fields.values()) {
            JsonNode value = event.get(field.name());
            if (value == null || value.isMissingNode()) {
                if (field.required()) {
                    violations.add(new FieldViolation(field.name(), FieldViolation.REQUIRED, "required field is missing",
                            null));
                }
                continue;
            }
            violations.addAll(field.check(value));
        }
        if (additionalFields == AdditionalFields.REJECT) {
            for (Iterator<String> names = event.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!fields.containsKey(name)) {
                    violations.add(new FieldViolation(name, FieldViolation.UNKNOWN_FIELD,
                            "unknown field (additionalFields: reject)", event.get(name)));
                }
            }
        }
        return violations;
    }
}

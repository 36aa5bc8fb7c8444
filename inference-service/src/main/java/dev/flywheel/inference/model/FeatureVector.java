package dev.flywheel.inference.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.spec.FieldViolation;

/**
 * One row of model input, in the model's column order, with the names kept for the prediction log.
 * Built from named values: every name the model needs must be there and be a number; names it does not
 * know are refused too, since they usually mean a misspelt feature that would otherwise go unnoticed.
 */
public record FeatureVector(double[] values, Map<String, Double> named) {

    /** A row, or every reason there is none. */
    public record Reading(FeatureVector vector, List<FieldViolation> violations) {

        public boolean valid() {
            return violations.isEmpty();
        }
    }

    /**
     * Reads JSON values (HTTP input). Violations name the field as {@code <prefix>.<feature>}.
     */
    public static Reading fromJson(Map<String, JsonNode> features, List<String> names, String prefix) {
        if (features == null) {
            return new Reading(null, List.of(new FieldViolation(prefix,
                    "required: an object of feature name to number; the model needs " + names)));
        }
        List<FieldViolation> violations = new ArrayList<>();
        double[] values = new double[names.size()];
        Map<String, Double> named = new LinkedHashMap<>();
        int present = 0;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            JsonNode value = features.get(name);
            if (value == null) {
                violations.add(new FieldViolation(prefix + "." + name, "missing: the model needs this feature"));
                continue;
            }
            present++;
            if (!value.isNumber()) {
                violations.add(new FieldViolation(prefix + "." + name, "must be a number but was "
                        + (value.isNull() ? "null" : value.getNodeType().name().toLowerCase() + " " + value)));
            } else if (!Double.isFinite(value.doubleValue())) {
                violations.add(new FieldViolation(prefix + "." + name, "must be a finite number but was " + value));
            } else {
                values[i] = value.doubleValue();
                named.put(name, values[i]);
            }
        }
        // Every name the model needs was looked up above; only more keys than were found can hold an unknown one.
        if (features.size() > present) {
            for (String name : new TreeSet<>(features.keySet())) {
                if (!names.contains(name)) {
                    violations.add(new FieldViolation(prefix + "." + name, "unknown feature; the model's features are "
                            + names));
                }
            }
        }
        return violations.isEmpty() ? new Reading(new FeatureVector(values, named), List.of())
                : new Reading(null, List.copyOf(violations));
    }

    /** Reads a computed vector (the features topic), which carries numbers only. */
    public static Reading fromNumbers(Map<String, Double> features, List<String> names) {
        List<FieldViolation> violations = new ArrayList<>();
        double[] values = new double[names.size()];
        Map<String, Double> named = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Double value = features.get(names.get(i));
            if (value == null) {
                violations.add(new FieldViolation(names.get(i), "missing: the model needs this feature"));
            } else {
                values[i] = value;
                named.put(names.get(i), value);
            }
        }
        return violations.isEmpty() ? new Reading(new FeatureVector(values, named), List.of())
                : new Reading(null, List.copyOf(violations));
    }
}

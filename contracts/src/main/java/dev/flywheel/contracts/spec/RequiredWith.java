package dev.flywheel.contracts.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.json.Json;

/**
 * A rule {@code when: <field>, require: [<field>, ...]}: once the event carries a value (present and not
 * null) for {@code when}, it must carry one for each of {@code require} as well.
 */
public record RequiredWith(String name, String when, List<String> require) implements CrossFieldRule {

    public RequiredWith {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(when, "when");
        require = List.copyOf(require);
    }

    @Override
    public List<String> fields() {
        List<String> fields = new ArrayList<>(require.size() + 1);
        fields.add(when);
        fields.addAll(require);
        return fields;
    }

    @Override
    public Optional<FieldViolation> check(JsonNode event) {
        JsonNode trigger = event.get(when);
        if (!hasValue(trigger)) {
            return Optional.empty();
        }
        List<String> missing = require.stream().filter(field -> !hasValue(event.get(field))).toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode values = Json.mapper().createObjectNode();
        values.set(when, trigger);
        List<String> involved = new ArrayList<>(missing.size() + 1);
        involved.add(when);
        involved.addAll(missing);
        String reason = name + ": " + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                + " required when " + when + " is given";
        return Optional.of(new FieldViolation(String.join(",", involved), FieldViolation.crossFieldRule(name),
                reason, values));
    }

    private static boolean hasValue(JsonNode value) {
        return value != null && !value.isNull() && !value.isMissingNode();
    }
}

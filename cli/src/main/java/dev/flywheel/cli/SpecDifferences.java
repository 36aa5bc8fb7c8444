package dev.flywheel.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which top-level sections of two pipeline specs differ, given as JSON trees: the spec a file holds (written by the
 * command line's mapper) and the one a service returns (written by the service's Quarkus mapper). The two mappers
 * write the same spec differently in places, so equal means: numbers equal by value, a duration written as seconds
 * equal to the same duration in ISO-8601, and an absent field equal to a null one.
 */
final class SpecDifferences {

    private SpecDifferences() {
    }

    /** The top-level fields whose values differ, in the wanted spec's order, then fields only the running one has. */
    static List<String> between(JsonNode wanted, JsonNode running) {
        Set<String> names = new LinkedHashSet<>();
        wanted.fieldNames().forEachRemaining(names::add);
        running.fieldNames().forEachRemaining(names::add);
        List<String> differing = new ArrayList<>();
        for (String name : names) {
            if (!equivalent(wanted.path(name), running.path(name))) {
                differing.add(name);
            }
        }
        return differing;
    }

    static boolean equivalent(JsonNode a, JsonNode b) {
        if (absent(a) || absent(b)) {
            return absent(a) && absent(b);
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isNumber() && b.isTextual()) {
            return sameDuration(a.decimalValue(), b.asText());
        }
        if (a.isTextual() && b.isNumber()) {
            return sameDuration(b.decimalValue(), a.asText());
        }
        if (a.isObject() && b.isObject()) {
            return between(a, b).isEmpty();
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equivalent(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    private static boolean sameDuration(BigDecimal seconds, String text) {
        try {
            Duration duration = Duration.parse(text);
            return new BigDecimal(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9))
                    .compareTo(seconds) == 0;
        } catch (DateTimeParseException notADuration) {
            return false;
        }
    }

}

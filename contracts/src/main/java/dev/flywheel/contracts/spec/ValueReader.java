package dev.flywheel.contracts.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Turns YAML nodes into typed values for the binders. A value of the wrong shape is reported (naming what
 * was expected and what was found) and comes back empty, so binding goes on and finds the next problem.
 */
final class ValueReader {

    private final Problems problems;

    ValueReader(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    Optional<MappingReader> mapping(YamlNode node, List<String> allowedKeys) {
        if (node instanceof YamlNode.Mapping mapping) {
            return Optional.of(new MappingReader(mapping, allowedKeys, problems));
        }
        wrongType(node, "a map (key: value)");
        return Optional.empty();
    }

    Optional<YamlNode.Mapping> anyMapping(YamlNode node) {
        if (node instanceof YamlNode.Mapping mapping) {
            return Optional.of(mapping);
        }
        wrongType(node, "a map (key: value)");
        return Optional.empty();
    }

    Optional<List<YamlNode>> list(YamlNode node) {
        if (node instanceof YamlNode.Sequence sequence) {
            return Optional.of(sequence.items());
        }
        wrongType(node, "a list");
        return Optional.empty();
    }

    Optional<String> text(YamlNode node) {
        if (node instanceof YamlNode.Scalar scalar && scalar.value() instanceof String text) {
            return Optional.of(text);
        }
        wrongType(node, "a string");
        return Optional.empty();
    }

    /** A non-empty string; the empty one is reported as such. */
    Optional<String> name(YamlNode node) {
        Optional<String> text = text(node);
        if (text.isPresent() && text.get().isBlank()) {
            problems.report(node, "must not be empty");
            return Optional.empty();
        }
        return text;
    }

    /** A list of non-empty strings; empty unless every item is one. */
    Optional<List<String>> names(YamlNode node) {
        Optional<List<YamlNode>> items = list(node);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (YamlNode item : items.get()) {
            name(item).ifPresent(names::add);
        }
        return names.size() == items.get().size() ? Optional.of(names) : Optional.empty();
    }

    Optional<Boolean> bool(YamlNode node) {
        if (node instanceof YamlNode.Scalar scalar && scalar.value() instanceof Boolean value) {
            return Optional.of(value);
        }
        wrongType(node, "true or false");
        return Optional.empty();
    }

    Optional<BigDecimal> number(YamlNode node, NumberRange range) {
        BigDecimal number;
        if (node instanceof YamlNode.Scalar scalar && scalar.value() instanceof BigDecimal decimal) {
            number = decimal;
        } else if (node instanceof YamlNode.Scalar scalar && scalar.value() instanceof BigInteger integer) {
            number = new BigDecimal(integer);
        } else {
            wrongType(node, "a number");
            return Optional.empty();
        }
        return inRange(node, number, range);
    }

    /** A number that is also a finite {@code double}: for values the platform computes with in doubles (money). */
    Optional<BigDecimal> finiteNumber(YamlNode node, NumberRange range) {
        return number(node, range).filter(number -> {
            if (Double.isFinite(number.doubleValue())) {
                return true;
            }
            problems.report(node, "must be a finite number (at most " + Double.MAX_VALUE + ") but was " + number);
            return false;
        });
    }

    Optional<Integer> integer(YamlNode node, NumberRange range) {
        if (!(node instanceof YamlNode.Scalar scalar && scalar.value() instanceof BigInteger integer)) {
            wrongType(node, "an integer");
            return Optional.empty();
        }
        if (integer.bitLength() >= Integer.SIZE) {
            problems.report(node, "must be at most " + Integer.MAX_VALUE + " but was " + integer);
            return Optional.empty();
        }
        return inRange(node, new BigDecimal(integer), range).map(BigDecimal::intValueExact);
    }

    Optional<Duration> duration(YamlNode node, boolean mustBePositive) {
        Optional<Duration> duration = node instanceof YamlNode.Scalar scalar && scalar.value() instanceof String text
                ? SpecDuration.parse(text)
                : Optional.empty();
        if (duration.isEmpty()) {
            wrongType(node, "a duration like " + SpecDuration.EXAMPLES);
        } else if (mustBePositive && duration.get().isZero()) {
            problems.report(node, "must be longer than 0");
            return Optional.empty();
        }
        return duration;
    }

    /** One of an enum's spec keywords, with a suggestion when the value looks like a typo of one. */
    <E extends Enum<E> & SpecKeyword> Optional<E> keyword(YamlNode node, Class<E> type) {
        List<String> keywords = Arrays.stream(type.getEnumConstants()).map(SpecKeyword::keyword).toList();
        if (!(node instanceof YamlNode.Scalar scalar && scalar.value() instanceof String text)) {
            wrongType(node, "one of: " + String.join(", ", keywords));
            return Optional.empty();
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.keyword().equals(text)) {
                return Optional.of(constant);
            }
        }
        problems.report(node, ClosestMatch.unknown("unknown value", text, keywords, "expected one of"));
        return Optional.empty();
    }

    private Optional<BigDecimal> inRange(YamlNode node, BigDecimal number, NumberRange range) {
        if (range.contains(number)) {
            return Optional.of(number);
        }
        problems.report(node, range.requirement() + " but was " + number.toPlainString());
        return Optional.empty();
    }

    private void wrongType(YamlNode node, String expected) {
        problems.report(node, "expected " + expected + " but got " + node.describe());
    }
}

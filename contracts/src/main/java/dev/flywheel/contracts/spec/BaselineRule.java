package dev.flywheel.contracts.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The spec's rule-based baseline ({@code model.baseline}), such as {@code "tx_amount > 220"} or
 * {@code "tx_amount > 220 and tx_during_night == 1 or terminal_risk_7d > 0.5"}: comparisons of a feature
 * with a number, joined by {@code and} / {@code or}, where {@code and} binds tighter (no parentheses).
 * An example it holds for is flagged positive. It is the cheapest model that might suffice, so every run
 * shows whether the trained models beat it.
 *
 * @param text  the rule as written, for reports
 * @param anyOf the rule as {@code or} of {@code and}-groups; never empty, nor any group
 */
public record BaselineRule(String text, List<List<Condition>> anyOf) {

    private static final Pattern CONDITION =
            Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(<=|>=|==|!=|<|>)\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*");
    private static final Pattern OR = Pattern.compile("\\s+or\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern AND = Pattern.compile("\\s+and\\s+", Pattern.CASE_INSENSITIVE);

    /** {@code feature operator value}, e.g. {@code tx_amount > 220}. */
    public record Condition(String feature, ComparisonOperator operator, double value) {

        public Condition {
            Objects.requireNonNull(feature, "feature");
            Objects.requireNonNull(operator, "operator");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("the value compared with " + feature + " must be finite");
            }
        }

        public boolean holds(double featureValue) {
            return operator.holds(Double.compare(featureValue, value));
        }

        @Override
        public String toString() {
            return feature + " " + operator.symbol() + " " + format(value);
        }
    }

    public BaselineRule {
        Objects.requireNonNull(text, "text");
        if (anyOf.isEmpty() || anyOf.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a baseline rule needs at least one comparison");
        }
        anyOf = anyOf.stream().map(List::copyOf).toList();
    }

    /**
     * Reads a rule.
     *
     * @throws IllegalArgumentException naming the part that is not a {@code feature op number} comparison
     */
    public static BaselineRule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a baseline rule must not be empty; write e.g. \"tx_amount > 220\"");
        }
        List<List<Condition>> anyOf = new ArrayList<>();
        for (String group : OR.split(text.strip(), -1)) {
            List<Condition> allOf = new ArrayList<>();
            for (String part : AND.split(group, -1)) {
                Matcher matcher = CONDITION.matcher(part);
                if (!matcher.matches()) {
                    throw new IllegalArgumentException("'" + part.strip() + "' is not a comparison of a feature with a"
                            + " number (feature <, <=, >, >=, == or != number), joined by 'and' / 'or'");
                }
                allOf.add(new Condition(matcher.group(1), ComparisonOperator.ofSymbol(matcher.group(2)).orElseThrow(),
                        Double.parseDouble(matcher.group(3))));
            }
            anyOf.add(allOf);
        }
        return new BaselineRule(text.strip(), anyOf);
    }

    /** The features the rule reads, in order of appearance. */
    public Set<String> features() {
        return anyOf.stream().flatMap(List::stream).map(Condition::feature)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The features the rule reads that are not among {@code known}. */
    public List<String> unknownFeatures(Collection<String> known) {
        return features().stream().filter(feature -> !known.contains(feature)).toList();
    }

    /** The rule in a normal form, {@code a > 1 and b == 0 or c < 2}. */
    public String canonical() {
        return anyOf.stream()
                .map(group -> group.stream().map(Condition::toString).collect(Collectors.joining(" and ")))
                .collect(Collectors.joining(" or "));
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }
}

package dev.flywheel.contracts.spec;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Binds the {@code validation} section of a spec into a {@link ValidationSpec}, checking every rule against
 * the schema: the fields it names exist, and the two sides of a comparison have values that compare.
 *
 * <p>A {@code check} is parsed with one regular expression rather than an expression library: the grammar is
 * a single {@code <field> <op> <field or literal>}, and a hand-written regex keeps the error messages ours and
 * the contracts module free of another dependency. Anything richer belongs in a real parser.
 */
final class ValidationBinder {

    private static final List<String> KEYS = List.of("rules", "deduplicate");
    private static final List<String> RULE_KEYS = List.of("name", "check", "when", "require");
    private static final List<String> DEDUPLICATE_KEYS = List.of("within", "maxIds");

    /** Rule names become part of the rule keyword ({@code rule:<name>}) and of metric tags. */
    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String FIELD = "[A-Za-z_][A-Za-z0-9_.-]*";
    private static final Pattern COMPARISON =
            Pattern.compile("\\s*(" + FIELD + ")\\s*(<=|>=|==|!=|<|>)\\s*(.*?)\\s*");
    private static final Pattern FIELD_NAME = Pattern.compile(FIELD);
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'|\"([^\"]*)\"");
    private static final String CHECK_FORM = "'<field> <op> <field or literal>' with <op> one of <, <=, >, >=, ==, !=";

    private final ValueReader values;
    private final Problems problems;
    private final SchemaReferences schema;

    ValidationBinder(ValueReader values, SchemaReferences schema) {
        this.values = values;
        this.problems = values.problems();
        this.schema = schema;
    }

    Optional<ValidationSpec> bind(YamlNode node) {
        int before = problems.count();
        Optional<MappingReader> read = values.mapping(node, KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = read.get();
        List<CrossFieldRule> rules = m.get("rules").map(this::rules).orElse(List.of());
        Optional<Duration> within = Optional.empty();
        int maxIds = ValidationSpec.DEFAULT_MAX_IDS;
        Optional<MappingReader> deduplicate = m.get("deduplicate").flatMap(n -> values.mapping(n, DEDUPLICATE_KEYS));
        if (deduplicate.isPresent()) {
            within = deduplicate.get().require("within").flatMap(n -> values.duration(n, true));
            maxIds = deduplicate.get().get("maxIds").flatMap(n -> values.integer(n, NumberRange.atLeast(1)))
                    .orElse(ValidationSpec.DEFAULT_MAX_IDS);
        }
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new ValidationSpec(rules, within, maxIds));
    }

    private List<CrossFieldRule> rules(YamlNode node) {
        List<CrossFieldRule> rules = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (YamlNode item : values.list(node).orElse(List.of())) {
            values.mapping(item, RULE_KEYS).ifPresent(m -> {
                Optional<String> name = m.require("name").flatMap(n -> ruleName(n, names));
                name.flatMap(n -> rule(n, m)).ifPresent(rules::add);
            });
        }
        return rules;
    }

    private Optional<String> ruleName(YamlNode node, List<String> seen) {
        Optional<String> name = values.name(node);
        if (name.isEmpty()) {
            return name;
        }
        if (!RULE_NAME.matcher(name.get()).matches()) {
            problems.report(node, "a rule name is letters, digits, '_' and '-' (it becomes the rule keyword"
                    + " rule:<name> of violations and a metric tag)");
        }
        if (seen.contains(name.get())) {
            problems.report(node, "duplicate rule name '" + name.get() + "'");
        }
        seen.add(name.get());
        return name;
    }

    private Optional<CrossFieldRule> rule(String name, MappingReader m) {
        boolean comparison = m.has("check");
        boolean requirement = m.has("when") || m.has("require");
        if (comparison && requirement) {
            m.reportKey(m.has("when") ? "when" : "require",
                    "a rule has either check (a comparison) or when and require, not both");
            return Optional.empty();
        }
        if (comparison) {
            return m.get("check").flatMap(n -> comparison(name, n)).map(CrossFieldRule.class::cast);
        }
        if (requirement) {
            Optional<String> when = m.require("when").flatMap(this::field);
            Optional<List<String>> require = m.require("require").flatMap(this::fields);
            if (when.isPresent() && require.isPresent() && require.get().contains(when.get())) {
                m.reportKey("require", "'" + when.get() + "' requires itself; list the other fields it needs");
                return Optional.empty();
            }
            return when.flatMap(w -> require.map(r -> new RequiredWith(name, w, r)));
        }
        m.reportMissing("check", "a rule needs check (a comparison such as \"a <= b\") or when and require");
        return Optional.empty();
    }

    private Optional<String> field(YamlNode node) {
        return values.name(node).filter(name -> schema.resolve(node, name).isPresent());
    }

    private Optional<List<String>> fields(YamlNode node) {
        Optional<List<String>> names = values.names(node);
        if (names.isEmpty()) {
            return names;
        }
        if (names.get().isEmpty()) {
            problems.report(node, "list at least one field");
            return Optional.empty();
        }
        List<YamlNode> items = ((YamlNode.Sequence) node).items();
        boolean allKnown = true;
        for (int index = 0; index < items.size(); index++) {
            allKnown &= schema.resolve(items.get(index), names.get().get(index)).isPresent();
        }
        return allKnown ? names : Optional.empty();
    }

    private Optional<FieldComparison> comparison(String name, YamlNode node) {
        Optional<String> text = values.name(node);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher parts = COMPARISON.matcher(text.get());
        if (!parts.matches()) {
            problems.report(node, "expected " + CHECK_FORM + " but got " + node.describe());
            return Optional.empty();
        }
        String leftName = parts.group(1);
        ComparisonOperator operator = ComparisonOperator.ofSymbol(parts.group(2)).orElseThrow();
        String rightText = parts.group(3);
        Optional<FieldSpec> left = schema.resolve(node, leftName);
        if (left.isEmpty()) {
            return Optional.empty();
        }
        ValueOrder order = ValueOrder.of(left.get().type());
        if (order == ValueOrder.BOOLEAN && !operator.isEquality()) {
            problems.report(node, "'" + leftName + "' is a boolean; booleans compare only with == and !=");
            return Optional.empty();
        }
        return rightOperand(node, left.get(), order, rightText)
                .map(right -> new FieldComparison(name, leftName, operator, right, order));
    }

    private Optional<FieldComparison.Operand> rightOperand(YamlNode node, FieldSpec left, ValueOrder order, String text) {
        if (text.isEmpty()) {
            problems.report(node, "expected " + CHECK_FORM + " but nothing follows the operator");
            return Optional.empty();
        }
        if (NUMBER.matcher(text).matches()) {
            return literal(node, left, order, ValueOrder.NUMBER, text, DecimalNode.valueOf(new BigDecimal(text)));
        }
        Matcher quoted = QUOTED.matcher(text);
        if (quoted.matches()) {
            String content = quoted.group(1) != null ? quoted.group(1) : quoted.group(2);
            return order == ValueOrder.TIMESTAMP
                    ? timestampLiteral(node, left, text, content)
                    : literal(node, left, order, ValueOrder.STRING, text, TextNode.valueOf(content));
        }
        if (text.equals("true") || text.equals("false")) {
            return literal(node, left, order, ValueOrder.BOOLEAN, text, BooleanNode.valueOf(Boolean.parseBoolean(text)));
        }
        if (text.equals("null")) {
            problems.report(node, "a rule does not fire on null values, so comparing with null checks nothing;"
                    + " use required: true or nullable: false in the schema");
            return Optional.empty();
        }
        if (!FIELD_NAME.matcher(text).matches()) {
            problems.report(node, "expected a field name or a literal (a number, 'text', true or false) after the"
                    + " operator but got " + ValueDescriptions.quote(text));
            return Optional.empty();
        }
        if (text.equals(left.name())) {
            problems.report(node, "'" + text + "' is compared with itself");
            return Optional.empty();
        }
        Optional<FieldSpec> right = schema.resolve(node, text);
        if (right.isEmpty()) {
            return Optional.empty();
        }
        if (ValueOrder.of(right.get().type()) != order) {
            problems.report(node, "cannot compare '" + left.name() + "' (" + left.type().description() + ") with '"
                    + text + "' (" + right.get().type().description() + ")");
            return Optional.empty();
        }
        return Optional.of(new FieldComparison.Operand.Field(text));
    }

    private Optional<FieldComparison.Operand> literal(YamlNode node, FieldSpec left, ValueOrder order,
                                                      ValueOrder literalOrder, String text, JsonNode value) {
        if (literalOrder != order) {
            problems.report(node, "cannot compare '" + left.name() + "' (" + left.type().description() + ") with "
                    + text + "; " + literalHint(left.type()));
            return Optional.empty();
        }
        return Optional.of(new FieldComparison.Operand.Literal(value, text));
    }

    private Optional<FieldComparison.Operand> timestampLiteral(YamlNode node, FieldSpec left, String text, String content) {
        try {
            Instant.parse(content);
        } catch (DateTimeParseException notIso) {
            problems.report(node, "cannot compare '" + left.name() + "' (a timestamp) with " + text + "; "
                    + literalHint(left.type()));
            return Optional.empty();
        }
        return Optional.of(new FieldComparison.Operand.Literal(TextNode.valueOf(content), text));
    }

    private static String literalHint(FieldType type) {
        return switch (type) {
            case INTEGER, NUMBER -> "write a number such as 0 or 2.5";
            case STRING -> "write a quoted string such as 'web'";
            case TIMESTAMP -> "write a quoted ISO-8601 instant such as '2018-04-01T00:00:00Z'";
            case BOOLEAN -> "write true or false";
        };
    }
}

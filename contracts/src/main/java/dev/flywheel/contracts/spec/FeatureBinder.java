package dev.flywheel.contracts.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Binds the {@code features} list and checks each feature against what is declared before it: schema
 * fields, entities, the label, and (for ratios) the features above it.
 */
final class FeatureBinder {

    /** The four kinds of feature, each named by the key that defines it, with the keys it accepts. */
    private enum Kind {
        VALUE("value", List.of("name", "value")),
        FLAG("flag", List.of("name", "flag", "hours")),
        AGGREGATE("aggregate", List.of("name", "aggregate", "of", "by", "window", "delay")),
        RATIO("ratio", List.of("name", "ratio"));

        final String key;
        final List<String> keys;

        Kind(String key, List<String> keys) {
            this.key = key;
            this.keys = keys;
        }
    }

    private static final List<String> ALL_KEYS =
            List.of("name", "value", "flag", "hours", "aggregate", "of", "by", "window", "delay", "ratio");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String KINDS = "value, flag, aggregate, ratio";

    private final ValueReader values;
    private final Problems problems;
    private final SchemaReferences schema;
    /** Null when the entities could not be read: then {@code by} is not checked. */
    private final List<String> entities;
    /** Null when the label could not be read: then label-based checks are skipped. */
    private final LabelSpec label;

    /** Feature name to index, for the names met so far (duplicates, ratio operands). */
    private final Map<String, Integer> seen = new HashMap<>();
    /** Feature name to index for the whole list, to tell "defined later" from "unknown". */
    private final Map<String, Integer> everyName = new HashMap<>();

    FeatureBinder(ValueReader values, SchemaReferences schema, List<String> entities, LabelSpec label) {
        this.values = values;
        this.problems = values.problems();
        this.schema = schema;
        this.entities = entities;
        this.label = label;
    }

    Optional<List<FeatureDef>> bind(YamlNode node) {
        Optional<List<YamlNode>> items = values.list(node);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        if (items.get().isEmpty()) {
            problems.report(node, "declare at least one feature");
            return Optional.empty();
        }
        for (int index = 0; index < items.get().size(); index++) {
            int at = index;
            declaredName(items.get().get(index)).ifPresent(name -> everyName.putIfAbsent(name, at));
        }
        int before = problems.count();
        List<FeatureDef> features = new ArrayList<>();
        for (int index = 0; index < items.get().size(); index++) {
            bindFeature(items.get().get(index), index).ifPresent(features::add);
        }
        return problems.count() == before ? Optional.of(features) : Optional.empty();
    }

    /** The name a feature item declares, read without reporting: problems are reported when it is bound. */
    private static Optional<String> declaredName(YamlNode item) {
        if (item instanceof YamlNode.Mapping mapping && mapping.entries().containsKey("name")
                && mapping.entries().get("name").value() instanceof YamlNode.Scalar scalar
                && scalar.value() instanceof String name) {
            return Optional.of(name);
        }
        return Optional.empty();
    }

    private Optional<FeatureDef> bindFeature(YamlNode node, int index) {
        int before = problems.count();
        Optional<MappingReader> read = values.mapping(node, ALL_KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = read.get();
        Optional<String> name = m.require("name").flatMap(n -> featureName(n, index));
        List<Kind> kinds = Arrays.stream(Kind.values()).filter(kind -> m.has(kind.key)).toList();
        if (kinds.isEmpty()) {
            problems.report(node, "a feature needs exactly one of: " + KINDS);
            return Optional.empty();
        }
        if (kinds.size() > 1) {
            m.reportKey(kinds.get(1).key, "a feature has exactly one of " + KINDS + ", but this one has both '"
                    + kinds.get(0).key + "' and '" + kinds.get(1).key + "'");
            return Optional.empty();
        }
        Kind kind = kinds.get(0);
        for (String key : m.keys()) {
            if (ALL_KEYS.contains(key) && !kind.keys.contains(key)) {
                m.reportKey(key, "'" + key + "' does not apply to a " + kind.key + " feature; its keys are: "
                        + String.join(", ", kind.keys));
            }
        }
        String featureName = name.orElse("");
        Optional<FeatureDef> feature = switch (kind) {
            case VALUE -> value(m, featureName);
            case FLAG -> flag(m, featureName);
            case AGGREGATE -> aggregate(m, featureName);
            case RATIO -> ratio(m, featureName, index);
        };
        return problems.count() == before ? feature : Optional.empty();
    }

    private Optional<String> featureName(YamlNode node, int index) {
        Optional<String> name = values.name(node);
        name.ifPresent(text -> {
            if (!NAME.matcher(text).matches()) {
                problems.report(node, "a feature name is letters, digits and underscores, not starting with a digit");
            }
            Integer first = seen.putIfAbsent(text, index);
            if (first != null) {
                problems.report(node, "duplicate feature name '" + text + "'; features[" + first + "] has it already");
            }
            if (label != null && label.name().equals(text)) {
                problems.report(node, "'" + text + "' is the label's name; a feature must be named differently");
            }
        });
        return name;
    }

    private Optional<FeatureDef> value(MappingReader m, String name) {
        YamlNode node = m.get("value").orElseThrow();
        return values.name(node).map(field -> {
            schema.resolve(node, field).ifPresent(spec -> {
                if (!spec.type().isNumeric() && spec.type() != FieldType.BOOLEAN) {
                    problems.report(node, "field '" + field + "' is " + spec.type().description()
                            + "; a value feature needs a numeric or boolean field (features are model inputs)");
                }
            });
            rejectLabel(node, field);
            return new ValueFeature(name, field);
        });
    }

    private Optional<FeatureDef> flag(MappingReader m, String name) {
        Optional<TimeFlag> flag = values.keyword(m.get("flag").orElseThrow(), TimeFlag.class);
        Optional<HourRange> hours = Optional.empty();
        if (m.has("hours")) {
            if (flag.isPresent() && flag.get() != TimeFlag.NIGHT) {
                m.reportKey("hours", "hours applies only to flag night");
            } else {
                hours = hourRange(m.get("hours").orElseThrow());
            }
        }
        Optional<HourRange> nightHours = hours;
        return flag.map(f -> new FlagFeature(name, f, nightHours));
    }

    private Optional<HourRange> hourRange(YamlNode node) {
        String expected = "expected two hours [first, last], each 0-23, both included";
        if (!(node instanceof YamlNode.Sequence sequence) || sequence.items().size() != 2) {
            problems.report(node, expected + ", but got " + node.describe());
            return Optional.empty();
        }
        Optional<Integer> first = values.integer(sequence.items().get(0), NumberRange.closed(0, 23));
        Optional<Integer> last = values.integer(sequence.items().get(1), NumberRange.closed(0, 23));
        return first.isPresent() && last.isPresent() ? Optional.of(new HourRange(first.get(), last.get())) : Optional.empty();
    }

    private Optional<FeatureDef> aggregate(MappingReader m, String name) {
        YamlNode kindNode = m.get("aggregate").orElseThrow();
        Optional<AggregateKind> kind = values.keyword(kindNode, AggregateKind.class);
        Optional<String> of = Optional.empty();
        if (kind.isPresent()) {
            of = ofField(m, kind.get());
            if (kind.get().usesLabel() && label != null && label.type() != LabelType.BINARY) {
                problems.report(kindNode, kind.get().keyword() + " needs a binary label, but label.type is "
                        + label.type().keyword());
            }
        }
        Optional<String> by = m.require("by").flatMap(n -> values.name(n).map(entity -> {
            checkEntity(n, entity);
            return entity;
        }));
        Optional<Duration> window = m.require("window").flatMap(n -> values.duration(n, true));
        Duration delay = m.get("delay").flatMap(n -> values.duration(n, false)).orElse(Duration.ZERO);
        if (kind.isEmpty() || by.isEmpty() || window.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AggregateFeature(name, kind.get(), of, by.get(), window.get(), delay));
    }

    private Optional<String> ofField(MappingReader m, AggregateKind kind) {
        if (kind.of() == AggregateKind.OfField.NONE) {
            if (m.has("of")) {
                m.reportKey("of", kind.keyword() + " takes no 'of' field");
            }
            return Optional.empty();
        }
        if (!m.has("of")) {
            m.reportMissing("of", "required key is missing: " + kind.keyword() + " needs the field it aggregates");
            return Optional.empty();
        }
        YamlNode node = m.get("of").orElseThrow();
        Optional<String> of = values.name(node);
        of.ifPresent(field -> {
            schema.resolve(node, field).ifPresent(spec -> {
                FieldType type = spec.type();
                boolean fits = switch (kind.of()) {
                    case NUMERIC -> type.isNumeric();
                    case NUMERIC_OR_BOOLEAN -> type.isNumeric() || type == FieldType.BOOLEAN;
                    default -> true;
                };
                if (!fits) {
                    String needed = kind.of() == AggregateKind.OfField.NUMERIC ? "a numeric field (integer or number)"
                            : "a numeric or boolean field";
                    problems.report(node, "field '" + field + "' is " + type.description() + "; "
                            + kind.keyword() + " needs " + needed);
                }
            });
            rejectLabel(node, field);
        });
        return of;
    }

    private void checkEntity(YamlNode node, String by) {
        if (entities == null || entities.contains(by)) {
            return;
        }
        if (entities.isEmpty()) {
            problems.report(node, "unknown entity '" + by + "'; no entities are declared (add it to entities)");
        } else if (schema.isDeclared(by)) {
            problems.report(node, "'" + by + "' is a schema field but not an entity; add it to entities (entities are: "
                    + String.join(", ", entities) + ")");
        } else {
            problems.report(node, ClosestMatch.unknown("unknown entity", by, entities, "entities are"));
        }
    }

    private Optional<FeatureDef> ratio(MappingReader m, String name, int index) {
        YamlNode node = m.get("ratio").orElseThrow();
        if (!(node instanceof YamlNode.Sequence sequence) || sequence.items().size() != 2) {
            problems.report(node, "expected [numerator, denominator] but got " + describeList(node));
            return Optional.empty();
        }
        Optional<String> numerator = values.name(sequence.items().get(0));
        Optional<String> denominator = values.name(sequence.items().get(1));
        numerator.ifPresent(operand -> checkOperand(sequence.items().get(0), operand, index));
        denominator.ifPresent(operand -> checkOperand(sequence.items().get(1), operand, index));
        if (numerator.isEmpty() || denominator.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RatioFeature(name, numerator.get(), denominator.get()));
    }

    private void checkOperand(YamlNode node, String operand, int index) {
        Integer earlier = seen.get(operand);
        if (earlier != null && earlier < index) {
            return;
        }
        Optional<FieldSpec> field = schema.find(operand);
        if (field.isPresent()) {
            if (!field.get().type().isNumeric()) {
                problems.report(node, "field '" + operand + "' is " + field.get().type().description()
                        + "; ratio operands must be numeric");
            }
            rejectLabel(node, operand);
            return;
        }
        Integer later = everyName.get(operand);
        if (later != null) {
            problems.report(node, later == index ? "a ratio cannot use its own feature"
                    : "feature '" + operand + "' is defined later (features[" + later + "]); a ratio can only use"
                    + " features defined above it");
        } else if (schema.isKnown() && !schema.isDeclared(operand)) {
            List<String> usable = Stream.concat(
                    seen.entrySet().stream().filter(e -> e.getValue() < index)
                            .sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey),
                    schema.numericFields().stream()).distinct().toList();
            problems.report(node, ClosestMatch.unknown("unknown feature or field", operand, usable,
                    "features above and numeric fields are"));
        }
    }

    private void rejectLabel(YamlNode node, String field) {
        if (label != null && label.arrives() == LabelArrival.INLINE && label.name().equals(field)) {
            problems.report(node, "'" + field + "' is the label; as a model input it would leak the answer");
        }
    }

    private static String describeList(YamlNode node) {
        return node instanceof YamlNode.Sequence sequence
                ? "a list of " + sequence.items().size()
                : node.describe();
    }
}

package dev.flywheel.contracts.spec;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Binds the {@code label} section and checks it against the schema. */
final class LabelBinder {

    static final Duration DEFAULT_MAX_DELAY = Duration.ofDays(7);
    static final String DEFAULT_POSITIVE = "1";

    private static final List<String> KEYS = List.of("name", "type", "positive", "arrives", "maxDelay");

    private final ValueReader values;
    private final Problems problems;
    private final SchemaReferences schema;

    LabelBinder(ValueReader values, SchemaReferences schema) {
        this.values = values;
        this.problems = values.problems();
        this.schema = schema;
    }

    Optional<LabelSpec> bind(YamlNode node) {
        int before = problems.count();
        Optional<MappingReader> read = values.mapping(node, KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = read.get();
        Optional<String> name = m.require("name").flatMap(values::name);
        Optional<LabelType> type = m.require("type").flatMap(n -> values.keyword(n, LabelType.class));
        LabelArrival arrives = m.get("arrives").flatMap(n -> values.keyword(n, LabelArrival.class))
                .orElse(LabelArrival.SEPARATELY);
        Optional<String> positive = type.flatMap(t -> positive(m, t));
        Duration maxDelay = maxDelay(m, arrives);
        if (name.isPresent() && type.isPresent()) {
            checkAgainstSchema(m.get("name").orElseThrow(), name.get(), type.get(), arrives);
        }
        if (problems.count() != before || name.isEmpty() || type.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LabelSpec(name.get(), type.get(), positive, arrives, maxDelay));
    }

    private Optional<String> positive(MappingReader m, LabelType type) {
        if (type == LabelType.NUMERIC) {
            if (m.has("positive")) {
                m.reportKey("positive", "positive applies only to binary labels");
            }
            return Optional.empty();
        }
        Optional<YamlNode> node = m.get("positive");
        if (node.isEmpty()) {
            return Optional.of(DEFAULT_POSITIVE);
        }
        if (node.get() instanceof YamlNode.Scalar scalar && scalar.value() != null) {
            Object value = scalar.value();
            return Optional.of(value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString());
        }
        problems.report(node.get(), "expected a number, string or boolean but got " + node.get().describe());
        return Optional.empty();
    }

    private Duration maxDelay(MappingReader m, LabelArrival arrives) {
        if (arrives == LabelArrival.INLINE) {
            if (m.has("maxDelay")) {
                m.reportKey("maxDelay", "maxDelay applies only to labels that arrive separately");
            }
            return Duration.ZERO;
        }
        return m.get("maxDelay").flatMap(n -> values.duration(n, true)).orElse(DEFAULT_MAX_DELAY);
    }

    private void checkAgainstSchema(YamlNode nameNode, String name, LabelType type, LabelArrival arrives) {
        if (arrives == LabelArrival.SEPARATELY) {
            if (schema.isDeclared(name)) {
                problems.report(nameNode, "'" + name + "' is also an event field; a label that arrives separately"
                        + " must not be one (use arrives: inline if events carry their label)");
            }
            return;
        }
        schema.resolve(nameNode, name).ifPresent(field -> {
            boolean fits = type == LabelType.NUMERIC ? field.type().isNumeric() : field.type() != FieldType.TIMESTAMP;
            if (!fits) {
                problems.report(nameNode, "field '" + name + "' is " + field.type().description()
                        + "; it cannot hold a " + type.keyword() + " label");
            }
        });
    }
}

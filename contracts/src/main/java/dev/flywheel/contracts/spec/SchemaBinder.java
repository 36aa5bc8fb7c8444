package dev.flywheel.contracts.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.PatternSyntaxException;

/** Binds the {@code schema} section (field name to constraints) into {@link FieldSpec}s. */
final class SchemaBinder {

    private static final List<String> KEYS =
            List.of("type", "required", "nullable", "min", "max", "enum", "pattern", "minLength", "maxLength");

    /**
     * What the schema section yielded: the fields that bound, the names of all declared fields (also those
     * with problems, so that references to them are not reported a second time), and whether all bound.
     */
    record BoundSchema(Map<String, FieldSpec> fields, List<String> declared, boolean complete) {

        static final BoundSchema UNREADABLE = new BoundSchema(Map.of(), List.of(), false);
    }

    private final ValueReader values;
    private final Problems problems;

    SchemaBinder(ValueReader values) {
        this.values = values;
        this.problems = values.problems();
    }

    BoundSchema bind(YamlNode node) {
        Optional<YamlNode.Mapping> mapping = values.anyMapping(node);
        if (mapping.isEmpty()) {
            return BoundSchema.UNREADABLE;
        }
        if (mapping.get().entries().isEmpty()) {
            problems.report(node, "declare at least one field");
            return BoundSchema.UNREADABLE;
        }
        Map<String, FieldSpec> fields = new LinkedHashMap<>();
        for (YamlNode.Entry entry : mapping.get().entries().values()) {
            bindField(entry.key(), entry.value()).ifPresent(field -> fields.put(field.name(), field));
        }
        List<String> declared = List.copyOf(mapping.get().entries().keySet());
        return new BoundSchema(fields, declared, fields.size() == declared.size());
    }

    private Optional<FieldSpec> bindField(String name, YamlNode node) {
        int before = problems.count();
        Optional<MappingReader> read = values.mapping(node, KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = read.get();
        FieldType type = m.require("type").flatMap(n -> values.keyword(n, FieldType.class)).orElse(null);
        boolean required = m.get("required").flatMap(values::bool).orElse(false);
        // An optional field may be absent or null alike; a required one must carry a value unless told otherwise.
        boolean nullable = m.get("nullable").flatMap(values::bool).orElse(!required);
        Optional<BigDecimal> min = m.get("min").flatMap(n -> values.number(n, NumberRange.ANY));
        Optional<BigDecimal> max = m.get("max").flatMap(n -> values.number(n, NumberRange.ANY));
        if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
            m.reportKey("max", "max " + max.get().toPlainString() + " is below min " + min.get().toPlainString());
        }
        OptionalInt minLength = optionalInt(m.get("minLength").flatMap(n -> values.integer(n, NumberRange.atLeast(0))));
        OptionalInt maxLength = optionalInt(m.get("maxLength").flatMap(n -> values.integer(n, NumberRange.atLeast(0))));
        if (minLength.isPresent() && maxLength.isPresent() && minLength.getAsInt() > maxLength.getAsInt()) {
            m.reportKey("maxLength", "maxLength " + maxLength.getAsInt() + " is below minLength " + minLength.getAsInt());
        }
        Optional<FieldPattern> pattern = m.get("pattern").flatMap(this::pattern);
        List<String> enumValues = type == null ? List.of() : m.get("enum").map(n -> enumValues(n, type)).orElse(List.of());
        if (type != null) {
            rejectInapplicable(m, type);
        }
        if (type == null || problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new FieldSpec(name, type, required, nullable, min, max, enumValues, pattern, minLength, maxLength));
    }

    private void rejectInapplicable(MappingReader m, FieldType type) {
        String is = "; this field is " + type.description();
        if (!type.isNumeric()) {
            for (String key : List.of("min", "max")) {
                if (m.has(key)) {
                    m.reportKey(key, key + " applies only to integer and number fields" + is);
                }
            }
        }
        if (type != FieldType.STRING) {
            for (String key : List.of("pattern", "minLength", "maxLength")) {
                if (m.has(key)) {
                    m.reportKey(key, key + " applies only to string fields" + is);
                }
            }
        }
        if ((type == FieldType.BOOLEAN || type == FieldType.TIMESTAMP) && m.has("enum")) {
            m.reportKey("enum", "enum applies only to string, integer and number fields" + is);
        }
    }

    private Optional<FieldPattern> pattern(YamlNode node) {
        Optional<String> regex = values.text(node);
        try {
            return regex.map(FieldPattern::of);
        } catch (PatternSyntaxException e) {
            problems.report(node, "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
            return Optional.empty();
        }
    }

    /** Enum values as text: strings for string fields, numbers in plain notation for numeric ones. */
    private List<String> enumValues(YamlNode node, FieldType type) {
        Optional<List<YamlNode>> items = values.list(node);
        if (items.isEmpty()) {
            return List.of();
        }
        if (items.get().isEmpty()) {
            problems.report(node, "enum must list at least one value");
        }
        List<String> allowed = new ArrayList<>();
        for (YamlNode item : items.get()) {
            Optional<String> value = switch (type) {
                case STRING -> values.text(item);
                case INTEGER -> integerText(item);
                case NUMBER -> values.number(item, NumberRange.ANY).map(BigDecimal::toPlainString);
                default -> Optional.empty();
            };
            value.ifPresent(text -> {
                if (allowed.contains(text)) {
                    problems.report(item, "duplicate enum value " + text);
                }
                allowed.add(text);
            });
        }
        return allowed;
    }

    private Optional<String> integerText(YamlNode item) {
        if (item instanceof YamlNode.Scalar scalar && scalar.value() instanceof BigInteger integer) {
            return Optional.of(integer.toString());
        }
        problems.report(item, "expected an integer but got " + item.describe());
        return Optional.empty();
    }

    private static OptionalInt optionalInt(Optional<Integer> value) {
        return value.map(OptionalInt::of).orElse(OptionalInt.empty());
    }
}

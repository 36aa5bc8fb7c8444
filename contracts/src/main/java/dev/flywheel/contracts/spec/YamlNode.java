package dev.flywheel.contracts.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value as it was written, with its path from the document root ({@code features[3].of}) and
 * where it starts. {@link YamlTreeReader} produces it; the binders read it, so that every problem they
 * report can name the file position and the field.
 */
sealed interface YamlNode {

    String path();

    SourceMark mark();

    /** How the value reads inside an error message: {@code string "abc"}, {@code number 7}, {@code a list}. */
    String describe();

    static String childPath(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String itemPath(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** A mapping; {@code entries} keeps the order of the file. */
    record Mapping(String path, SourceMark mark, Map<String, Entry> entries) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    /** One key of a mapping; the key's own position is where "unknown key" problems point. */
    record Entry(String key, SourceMark keyMark, YamlNode value) {
    }

    record Sequence(String path, SourceMark mark, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar: {@code value} is a {@link String}, {@link BigInteger}, {@link BigDecimal}, {@link Boolean},
     * or {@code null} for YAML null (also an empty value, {@code key:}).
     */
    record Scalar(String path, SourceMark mark, Object value) implements YamlNode {

        @Override
        public String describe() {
            if (value == null) {
                return "null";
            }
            if (value instanceof String text) {
                return "string " + ValueDescriptions.quote(text);
            }
            if (value instanceof BigDecimal decimal) {
                return "number " + decimal.toPlainString();
            }
            if (value instanceof BigInteger) {
                return "number " + value;
            }
            return "boolean " + value;
        }
    }
}

package dev.flywheel.ingest.file;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.spec.FieldSpec;
import dev.flywheel.contracts.spec.FieldType;
import dev.flywheel.contracts.spec.LabelType;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.ingest.validate.LabelAdmission;

/**
 * Turns a CSV row (every cell a string) into the JSON object the schema expects: each cell takes the
 * type its column is declared with ({@code spec.schema().field(name)}; for labels also the label field
 * and {@code label_time}). An empty cell leaves the field out. A cell that does not read as its type
 * stays a string, so validation names the field and says what was wrong with it.
 */
public final class RowCoercion {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final PipelineSpec spec;
    private final RecordKind kind;

    public RowCoercion(PipelineSpec spec, RecordKind kind) {
        this.spec = spec;
        this.kind = kind;
    }

    /** The row as a JSON object; {@code header} and {@code cells} have the same length. */
    public ObjectNode coerce(List<String> header, List<String> cells) {
        ObjectNode row = NODES.objectNode();
        for (int i = 0; i < header.size(); i++) {
            String cell = cells.get(i);
            if (cell == null || cell.isEmpty()) {
                continue;
            }
            row.set(header.get(i), value(header.get(i), cell));
        }
        return row;
    }

    private JsonNode value(String column, String cell) {
        Optional<FieldType> declared = spec.schema().field(column).map(FieldSpec::type);
        if (declared.isPresent()) {
            return as(declared.get(), cell);
        }
        if (kind == RecordKind.LABELS && column.equals(spec.label().name())) {
            return spec.label().type() == LabelType.NUMERIC ? as(FieldType.NUMBER, cell) : binaryLabel(cell);
        }
        if (kind == RecordKind.LABELS && column.equals(LabelAdmission.LABEL_TIME)) {
            return as(FieldType.TIMESTAMP, cell);
        }
        return NODES.textNode(cell);
    }

    static JsonNode as(FieldType type, String cell) {
        String trimmed = cell.trim();
        return switch (type) {
            case STRING -> NODES.textNode(cell);
            case INTEGER -> integer(trimmed).orElseGet(() -> NODES.textNode(cell));
            case NUMBER -> number(trimmed).<JsonNode>map(NODES::numberNode).orElseGet(() -> NODES.textNode(cell));
            case BOOLEAN -> bool(trimmed).orElseGet(() -> NODES.textNode(cell));
            // ISO-8601 stays text; digits are epoch milliseconds, which the schema reads as a number.
            case TIMESTAMP -> trimmed.matches("-?[0-9]{1,18}")
                    ? NODES.numberNode(Long.parseLong(trimmed)) : NODES.textNode(cell);
        };
    }

    /** A binary label written as 1/0, true/false or a word such as {@code fraud}. */
    private static JsonNode binaryLabel(String cell) {
        String trimmed = cell.trim();
        return bool(trimmed).or(() -> number(trimmed).map(NODES::numberNode)).orElseGet(() -> NODES.textNode(cell));
    }

    private static Optional<JsonNode> integer(String text) {
        try {
            return Optional.of(NODES.numberNode(new BigInteger(text)));
        } catch (NumberFormatException notAnInteger) {
            // "3.0" is an integer to the schema (as in JSON Schema); "3.5" stays text and is refused.
            return number(text).filter(n -> n.stripTrailingZeros().scale() <= 0)
                    .map(n -> NODES.numberNode(n.toBigIntegerExact()));
        }
    }

    private static Optional<BigDecimal> number(String text) {
        if (text.isEmpty() || !Character.isDigit(text.charAt(text.length() - 1))) {
            return Optional.empty(); // BigDecimal would read "5." too, which is no number in JSON
        }
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(NODES.booleanNode(true));
            case "false" -> Optional.of(NODES.booleanNode(false));
            default -> Optional.empty();
        };
    }
}

package dev.flywheel.contracts.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.json.Json;

/**
 * A rule {@code check: "<field> <op> <field or literal>"}, such as {@code refund_amount <= tx_amount}.
 * The event breaks it when both operands have values and the comparison is false.
 *
 * @param left  a schema field
 * @param right another schema field, or a literal of the left field's {@link ValueOrder}
 * @param order how the two compare; both operands have it (the binder checked)
 */
public record FieldComparison(String name, String left, ComparisonOperator operator, Operand right,
                              ValueOrder order) implements CrossFieldRule {

    /** The right-hand side: a field of the event or a constant written in the rule. */
    public sealed interface Operand {

        JsonNode valueIn(JsonNode event);

        /** A schema field. */
        record Field(String name) implements Operand {
            @Override
            public JsonNode valueIn(JsonNode event) {
                return event.get(name);
            }
        }

        /**
         * A constant: a number, a quoted string or timestamp, or a boolean.
         *
         * @param text as written in the rule, for messages
         */
        record Literal(JsonNode value, String text) implements Operand {
            @Override
            public JsonNode valueIn(JsonNode event) {
                return value;
            }
        }
    }

    public FieldComparison {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(order, "order");
    }

    @Override
    public List<String> fields() {
        return right instanceof Operand.Field field ? List.of(left, field.name()) : List.of(left);
    }

    @Override
    public Optional<FieldViolation> check(JsonNode event) {
        JsonNode leftValue = event.get(left);
        JsonNode rightValue = right.valueIn(event);
        OptionalInt comparison = order.compare(leftValue, rightValue);
        if (comparison.isEmpty() || operator.holds(comparison.getAsInt())) {
            return Optional.empty();
        }
        ObjectNode values = Json.mapper().createObjectNode();
        values.set(left, leftValue);
        List<String> shown = new ArrayList<>(List.of(left + " (" + ValueDescriptions.describe(leftValue) + ")"));
        if (right instanceof Operand.Field field) {
            values.set(field.name(), rightValue);
            shown.add(field.name() + " (" + ValueDescriptions.describe(rightValue) + ")");
        } else {
            shown.add(((Operand.Literal) right).text());
        }
        String reason = name + ": " + shown.get(0) + " must be " + operator.symbol() + " " + shown.get(1);
        return Optional.of(new FieldViolation(String.join(",", fields()), FieldViolation.crossFieldRule(name),
                reason, values));
    }
}

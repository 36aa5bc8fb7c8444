package dev.flywheel.contracts.spec;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A named check across several fields of one event (spec section {@code validation.rules}). A rule whose
 * operands are missing, null or of the wrong type does not fire: the schema's own checks report those.
 */
public sealed interface CrossFieldRule permits FieldComparison, RequiredWith {

    /** The rule's name in the spec; violations carry it as rule {@code rule:<name>}. */
    String name();

    /** Every schema field the rule reads, in the order the rule names them. */
    List<String> fields();

    /** The violation when the event breaks the rule; empty when it keeps it or the rule does not apply. */
    Optional<FieldViolation> check(JsonNode event);
}

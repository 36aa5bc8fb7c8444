package dev.flywheel.contracts.spec;

/**
 * One reason a record was refused: the field it concerns (a dotted path, or {@code "$"} for the
 * record as a whole) and a sentence a person can act on.
 */
public record FieldViolation(String field, String reason) {
}

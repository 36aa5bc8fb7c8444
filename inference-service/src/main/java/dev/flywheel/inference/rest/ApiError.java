package dev.flywheel.inference.rest;

import java.util.List;

import dev.flywheel.contracts.spec.FieldViolation;

/** The body of every refusal: a sentence, and for a 400 each field that is wrong and why. */
public record ApiError(String error, List<FieldViolation> violations) {

    static ApiError of(String error) {
        return new ApiError(error, List.of());
    }
}

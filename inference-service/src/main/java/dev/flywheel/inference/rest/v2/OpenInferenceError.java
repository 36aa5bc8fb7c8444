package dev.flywheel.inference.rest.v2;

/** Every refusal of the {@code /v2} endpoints, in the protocol's shape: {@code {"error": "..."}}. */
public record OpenInferenceError(String error) {
}

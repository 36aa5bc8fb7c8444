package dev.flywheel.inference.model;

import java.time.Instant;

/** The last promotion of a pipeline that could not be served, and why. */
public record LoadFailure(String modelVersion, String artifactUri, String reason, Instant at) {
}

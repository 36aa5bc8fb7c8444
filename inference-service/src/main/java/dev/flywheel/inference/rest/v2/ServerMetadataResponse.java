package dev.flywheel.inference.rest.v2;

import java.util.List;

/** {@code GET /v2}: who answers, and which protocol extensions it supports (none). */
public record ServerMetadataResponse(String name, String version, List<String> extensions) {
}

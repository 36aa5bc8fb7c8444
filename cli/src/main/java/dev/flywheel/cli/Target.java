package dev.flywheel.cli;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine.Option;

/**
 * Where the services are and which pipeline a command is about: options every command takes, with defaults from
 * the environment ({@code FLYWHEEL_PIPELINE}, {@code FLYWHEEL_INGEST_URL}, ..., {@code FLYWHEEL_API_KEY}) and then
 * the demo's ports.
 */
final class Target {

    @Option(names = {"-p", "--pipeline"}, defaultValue = "${env:FLYWHEEL_PIPELINE:-card-fraud}",
            description = "pipeline name (default: ${DEFAULT-VALUE}; env FLYWHEEL_PIPELINE)")
    String pipeline;

    @Option(names = "--json", description = "print the services' JSON instead of tables (for scripts)")
    boolean json;

    @Option(names = "--ingest-url", defaultValue = "${env:FLYWHEEL_INGEST_URL:-http://localhost:8081}",
            description = "ingest-service (default: ${DEFAULT-VALUE})")
    String ingest;

    @Option(names = "--feature-url", defaultValue = "${env:FLYWHEEL_FEATURE_URL:-http://localhost:8082}",
            description = "feature-service (default: ${DEFAULT-VALUE})")
    String feature;

    @Option(names = "--training-url", defaultValue = "${env:FLYWHEEL_TRAINING_URL:-http://localhost:8083}",
            description = "training-service (default: ${DEFAULT-VALUE})")
    String training;

    @Option(names = "--inference-url", defaultValue = "${env:FLYWHEEL_INFERENCE_URL:-http://localhost:8084}",
            description = "inference-service (default: ${DEFAULT-VALUE})")
    String inference;

    @Option(names = "--monitor-url", defaultValue = "${env:FLYWHEEL_MONITOR_URL:-http://localhost:8085}",
            description = "monitor-service (default: ${DEFAULT-VALUE})")
    String monitor;

    // No ${DEFAULT-VALUE} in the description: the help must never print a key.
    @Option(names = "--api-key", defaultValue = "${env:FLYWHEEL_API_KEY}",
            description = "API key sent as 'Authorization: Bearer <key>' (env FLYWHEEL_API_KEY; the demo needs none)")
    String apiKey;

    /** {@code base} + {@code /v1/pipelines/<pipeline>} + {@code path}. */
    URI pipelineUri(String base, String path) {
        return URI.create(strip(base) + "/v1/pipelines/" + encode(pipeline) + path);
    }

    static URI uri(String base, String path) {
        return URI.create(strip(base) + path);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String strip(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}

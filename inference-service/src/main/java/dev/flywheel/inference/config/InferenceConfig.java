package dev.flywheel.inference.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the inference service; the shared ones (specs, registry folder) are in {@code PlatformConfig}. */
@ConfigMapping(prefix = "flywheel.inference")
public interface InferenceConfig {

    /**
     * Most predictions one request may ask for ({@code POST .../predict/batch}, rows of a v2 {@code infer});
     * more are refused with 413.
     */
    @WithDefault("1000")
    int maxBatchSize();

    /**
     * feature-service's base URL, whose online store gives the aggregates of rows that carry an event
     * (entity ids and raw fields) instead of features.
     */
    @WithDefault("http://localhost:8082")
    String featureUrl();

    /** How long one online-store lookup may take before the prediction is answered 503. */
    @WithDefault("500ms")
    Duration featureTimeout();

    /**
     * Pipeline name to the registry version scored in shadow beside the serving model (never returned, logged
     * as shadow predictions); e.g. {@code flywheel.inference.shadow."card-fraud"=42}. Empty: no shadow.
     */
    Map<String, String> shadow();
}

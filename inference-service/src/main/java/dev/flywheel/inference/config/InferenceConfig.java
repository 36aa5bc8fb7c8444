package dev.flywheel.inference.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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

    /** The log of HTTP predictions on {@code flywheel.<pipeline>.predictions} ({@code PredictionLog}). */
    PredictionLogSettings predictionLog();

    interface PredictionLogSettings {

        /**
         * How long the log's producer gathers predictions into one request to the broker. No answer waits for the
         * log, so longer means fewer requests and less broker work per prediction, only later on the topic.
         */
        @WithDefault("20ms")
        Duration linger();
    }

    /**
     * Micro-batching of concurrent single-row predictions ({@code POST .../predict}): rows that arrive while the
     * model is busy are scored together in one call when it is free.
     */
    MicroBatch microBatch();

    interface MicroBatch {

        /**
         * Whether concurrent single-row predictions are scored together (off: each is scored on its own). Off by
         * default: measured on the 2-core bench machine it saved no CPU per request (99 µs either way at 64
         * connections), since each event loop scores what it has read at once and few rows ever wait.
         */
        @WithDefault("false")
        boolean enabled();

        /** Most rows scored in one call. */
        @WithDefault("64")
        int maxRows();
    }

    /** Exactly-once scoring of the feature stream ({@code StreamScoringLoop}). */
    Stream stream();

    interface Stream {

        /** Whether this instance scores the feature stream at all (HTTP serving is unaffected). */
        @WithDefault("true")
        boolean enabled();

        /**
         * This instance's transactional id. Unique per running instance; when it is also stable across restarts
         * (a StatefulSet pod name), a restart aborts the crashed process's open transaction at once. Empty: a new
         * id per start ({@code inference-stream-<uuid>}), and such a transaction ends after
         * {@link #transactionTimeout()}.
         */
        Optional<String> transactionalId();

        /**
         * Longest a transaction may stay open: what a crashed instance's open transaction holds
         * {@code read_committed} readers of its partitions back at most, when no restart aborts it sooner.
         */
        @WithDefault("10s")
        Duration transactionTimeout();

        /** Most vectors per poll, and so per transaction (one transaction per poll). */
        @WithDefault("500")
        int maxPollRecords();
    }
}

package dev.flywheel.training.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the training service; the registry folder is {@code flywheel.registry-dir} (PlatformConfig). */
@ConfigMapping(prefix = "flywheel.training")
public interface TrainingConfig {

    /** How often every pipeline is checked for a due bootstrap (no model yet) or scheduled training. */
    @WithDefault("10s")
    Duration checkInterval();

    /** Longest a run may spend reading its dataset from the examples topic before it fails. */
    @WithDefault("5m")
    Duration readTimeout();

    /** How often a running training logs its progress (percent, rate, ETA). */
    @WithDefault("5s")
    Duration progressLogInterval();

    /** Finished runs kept in memory per pipeline for {@code GET /v1/pipelines/{p}/trainings}. */
    @WithDefault("20")
    int runsKept();

    /** How long to wait for the broker to acknowledge a ModelRegistered or ModelPromoted event. */
    @WithDefault("30s")
    Duration publishTimeout();

    /**
     * Base URL other services reach this one at (e.g. {@code http://training:8083}); when set, model events
     * carry {@code <public-url>/v1/pipelines/{p}/models/{v}} as the artifact URI, downloaded over HTTP, instead
     * of the version folder as a {@code file:} URI.
     */
    Optional<URI> publicUrl();

    /** The registry's metadata database. */
    RegistryDb registryDb();

    /** How a training run waits for an unavailable registry database before it fails. */
    RegistryRetry registryRetry();

    /**
     * Retries of a run's registry steps while the registry database cannot be reached: waits double from
     * {@code initial-backoff} to at most {@code max-backoff}; the defaults wait about 4 minutes in all.
     */
    interface RegistryRetry {

        /** Most attempts of one registry step (1: fail at the first unavailable database). */
        @WithDefault("12")
        int attempts();

        /** The wait before the first retry. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** The longest wait between two attempts. */
        @WithDefault("30s")
        Duration maxBackoff();
    }

    /** JDBC settings of the registry's metadata (versions, files, aliases and their history). */
    interface RegistryDb {

        /**
         * JDBC URL, e.g. {@code jdbc:postgresql://db:5432/flywheel}; when absent, an embedded H2 file in
         * {@code <flywheel.registry-dir>/.registry-db/}.
         */
        Optional<String> url();

        /** Database user; none for the embedded default. */
        Optional<String> username();

        /** Database password. */
        Optional<String> password();

        /** Most connections the pool opens. */
        @WithDefault("4")
        int maxConnections();
    }
}

package dev.flywheel.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings every Flywheel service shares; each service adds its own mapping beside this one. */
@ConfigMapping(prefix = "flywheel")
public interface PlatformConfig {

    /** Folder holding the pipeline specs (*.yaml); every service reads the same folder. */
    @WithDefault("pipelines")
    String pipelinesDir();

    /**
     * Folder of the model registry (one sub-folder per pipeline and version: artifact, metadata,
     * metrics); training writes it, inference reads it.
     */
    @WithDefault(".flywheel/registry")
    String registryDir();

    /**
     * Process id of a launcher (the demo script, an end-to-end test); when set, the service exits
     * once that process is gone, so no service outlives the platform that started it.
     */
    OptionalLong parentPid();

    /** Topic creation at start. */
    TopicSettings topics();

    /** Who may call the HTTP APIs (see {@code dev.flywheel.runtime.security}). */
    SecuritySettings security();

    interface SecuritySettings {

        /**
         * Require an API key on every endpoint except health and metrics. On by default; the embedded demo and
         * test runs turn it off, and then every caller may do everything.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * API clients by name ({@code flywheel.security.api-keys.<name>.*}; from the environment
         * {@code FLYWHEEL_SECURITY_API_KEYS_<NAME>_KEY} and {@code ..._ROLES}).
         */
        Map<String, ApiClientSettings> apiKeys();
    }

    interface ApiClientSettings {

        /** The client's key; best set from the environment. Only its SHA-256 is kept, and it is never logged. */
        Optional<String> key();

        /** Or the key's SHA-256 in hex, so that the configuration holds no usable secret. */
        Optional<String> keySha256();

        /** The client's roles: ingest, predict, admin, read. */
        List<String> roles();
    }

    interface TopicSettings {

        /** Create the platform's and the pipelines' topics at start when they are missing. */
        @WithDefault("true")
        boolean provision();

        /** Partitions of topics this service creates; more partitions let a service scale out. */
        @WithDefault("3")
        int partitions();

        /** How long to wait for the broker while creating topics before the start fails. */
        @WithDefault("30s")
        Duration timeout();
    }
}

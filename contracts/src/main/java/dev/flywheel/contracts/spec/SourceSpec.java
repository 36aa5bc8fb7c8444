package dev.flywheel.contracts.spec;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A place the ingest service pulls a pipeline's events from (spec section {@code sources}), one record per
 * {@link SourceType}. Values that may hold secrets (headers, database user and password, URLs) are kept as
 * written, with their {@code ${NAME}} references unresolved ({@link EnvReferences} resolves them when the
 * source is read), so a spec can be logged or served without leaking what the environment holds.
 */
public sealed interface SourceSpec permits HttpApiSource, WebPageSource, JdbcSource {

    /** Polling interval when a spec does not say. */
    Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    /** Unique within the pipeline ({@code [a-z0-9][a-z0-9-]*}); names the source's remembered position. */
    String name();

    /** How long the source rests once it has nothing new, before it is read again. */
    Duration interval();

    @JsonProperty("type")
    SourceType type();
}

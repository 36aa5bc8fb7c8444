package dev.flywheel.ingest.source;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the pull sources (the {@code sources} of the loaded pipeline specs). */
@ConfigMapping(prefix = "flywheel.ingest.sources")
public interface SourcesConfig {

    /** Start a runner for every declared source when the service starts. */
    @WithDefault("true")
    boolean enabled();

    /** Threads that poll sources; a poll blocks its thread while it reads and publishes. */
    @WithDefault("2")
    int threads();

    /** First retry delay after a failed poll (or HTTP request); doubles each time, with jitter. */
    @WithDefault("1s")
    Duration backoffInitial();

    /** Longest retry delay; a failing source is also retried no later than its own interval. */
    @WithDefault("5m")
    Duration backoffMax();

    /** Connect and response timeout of one HTTP request to a source. */
    @WithDefault("30s")
    Duration requestTimeout();

    /** How long a host's robots.txt rules are kept before it is fetched again. */
    @WithDefault("10m")
    Duration robotsCache();

    /** How many record ids a web page (or cursor-less API) source remembers to not emit a record twice. */
    @WithDefault("10000")
    int rememberedIds();

    /** How long reading a source's last position from the positions topic may take at start. */
    @WithDefault("30s")
    Duration positionReadTimeout();
}

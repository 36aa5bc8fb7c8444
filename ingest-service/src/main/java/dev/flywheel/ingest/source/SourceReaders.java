package dev.flywheel.ingest.source;

import java.time.Clock;

import dev.flywheel.contracts.spec.EnvReferences;
import dev.flywheel.contracts.spec.HttpApiSource;
import dev.flywheel.contracts.spec.JdbcSource;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.SourceSpec;
import dev.flywheel.contracts.spec.WebPageSource;
import dev.flywheel.ingest.source.api.ApiReader;
import dev.flywheel.ingest.source.jdbc.JdbcReader;
import dev.flywheel.ingest.source.jdbc.JdbcSourceSettings;
import dev.flywheel.ingest.source.pull.PullReader;
import dev.flywheel.ingest.source.web.HostPacer;
import dev.flywheel.ingest.source.web.PageReader;
import dev.flywheel.ingest.source.web.RobotsRules;

/**
 * Makes the reader of a declared source. The HTTP client, the per-host pacing and the robots.txt cache are shared
 * by every reader this factory makes, so sources that read the same host share its rate limit.
 */
public final class SourceReaders {

    private final SourcesConfig config;
    private final HttpFetcher http;
    private final HostPacer pacer = new HostPacer();
    private final RobotsRules robots;

    public SourceReaders(SourcesConfig config) {
        this.config = config;
        this.http = new HttpFetcher(config.requestTimeout(), new Backoff(config.backoffInitial(), config.backoffMax()));
        this.robots = new RobotsRules(http, pacer, config.robotsCache(), Clock.systemUTC());
    }

    /**
     * The reader of {@code source}.
     *
     * @throws IllegalArgumentException when the source cannot be read as declared (a CSS selector that does not parse)
     * @throws IllegalStateException    for a source type this build cannot read
     */
    public PullReader create(PipelineSpec pipeline, SourceSpec source) {
        SeenRecords seen = new SeenRecords(new RecordIdentity(pipeline.eventIdField()), config.rememberedIds());
        return switch (source.type()) {
            case HTTP_API -> new ApiReader((HttpApiSource) source, http, seen);
            case WEB_PAGE -> new PageReader((WebPageSource) source, pipeline.schema(), http, pacer, robots, seen);
            case JDBC -> {
                // References are resolved here, at start, so a missing variable stops this source with its name.
                JdbcSource jdbc = (JdbcSource) source;
                yield new JdbcReader(new JdbcSourceSettings(EnvReferences.resolve(jdbc.url()),
                        EnvReferences.resolve(jdbc.user()), EnvReferences.resolve(jdbc.password()), jdbc.table(),
                        jdbc.query(), jdbc.watermark(), jdbc.key(), jdbc.batchSize()));
            }
        };
    }
}

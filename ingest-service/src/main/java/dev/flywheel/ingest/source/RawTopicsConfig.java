package dev.flywheel.ingest.source;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the loop that judges what clients produced to the pipelines' raw topics ({@link RawTopicsLoop}). */
@ConfigMapping(prefix = "flywheel.ingest.raw-topics")
public interface RawTopicsConfig {

    /** Consume the raw topics from service start. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Consumers in the group, one thread each: judging is CPU work, and one thread cannot keep up with the producer.
     * As many as a raw topic's partitions (3 by default) keeps them even: with fewer, the consumer holding more
     * partitions finishes a backlog alone; more leave some idle.
     */
    @WithDefault("3")
    int consumers();

    /** Polls whose verdicts may await the broker's acknowledgement while the next poll is judged. */
    @WithDefault("8")
    int pollsInFlight();

    /** Most records one poll returns. */
    @WithDefault("2000")
    int maxPollRecords();

    /** First retry delay after a verdict could not be published; doubles each time, with jitter. */
    @WithDefault("1s")
    Duration backoffInitial();

    /** Longest retry delay after failed publications. */
    @WithDefault("30s")
    Duration backoffMax();

    /** How long stopping may wait for in-flight verdicts before committing what was acknowledged. */
    @WithDefault("10s")
    Duration shutdownTimeout();
}

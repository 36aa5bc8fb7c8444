package dev.flywheel.ingest.rest;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and pacing of the HTTP ways in: synchronous posts and background upload jobs. */
@ConfigMapping(prefix = "flywheel.ingest.http")
public interface HttpIngestConfig {

    /** Records sent to the broker and not yet acknowledged, across the service; past it, posts get 503. */
    @WithDefault("10000")
    int inFlightMax();

    /** Of in-flight-max, how many upload jobs may hold together; the rest stays free for synchronous posts. */
    @WithDefault("5000")
    int uploadInFlightMax();

    /** How long a synchronous post waits for in-flight budget before answering 503. */
    @WithDefault("200ms")
    Duration inFlightWait();

    /** Seconds a 503 tells the client to wait ({@code Retry-After}). */
    @WithDefault("1")
    int retryAfterSeconds();

    /** Largest body of a synchronous post to /events or /labels (413 past it); uploads have none but quarkus.http.limits.max-body-size. */
    @WithDefault("16M")
    MemorySize syncMaxBody();

    /** Largest single record (JSON text or NDJSON line); above the broker's 1 MiB message limit nothing could be stored. */
    @WithDefault("512K")
    MemorySize maxRecordSize();

    /** How many per-record results a synchronous answer lists in full; past it, counts only. */
    @WithDefault("1000")
    int reportListed();

    /** How many rejections (with reasons) an upload job's status keeps. */
    @WithDefault("100")
    int uploadRejectionsKept();

    /** How many upload jobs the list and status endpoints remember (oldest finished ones are forgotten). */
    @WithDefault("50")
    int uploadJobsKept();

    /** Upload jobs processed at the same time; more wait in line. */
    @WithDefault("2")
    int uploadWorkers();

    /** How often a running upload job logs its progress. */
    @WithDefault("5s")
    Duration uploadProgressInterval();
}

package dev.flywheel.ingest.rest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.ingest.Ingestion;
import dev.flywheel.ingest.file.BodyFormat;
import dev.flywheel.ingest.file.RecordKind;

/**
 * Runs upload jobs on a few worker threads of their own (not Quarkus's request workers, which they
 * would hold for minutes) and remembers the most recent ones for the status endpoints.
 */
@Singleton
public class UploadJobs {

    static final String SOURCE = "upload";

    private final Ingestion ingestion;
    private final InFlightBudget budget;
    private final HttpIngestConfig config;
    private final ExecutorService workers;
    private final Map<String, UploadJob> jobs = new LinkedHashMap<>();

    public UploadJobs(Ingestion ingestion, InFlightBudget budget, HttpIngestConfig config) {
        this.ingestion = ingestion;
        this.budget = budget;
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.uploadWorkers(), task -> {
            Thread thread = new Thread(task, "flywheel-upload-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues the spooled {@code file}, which the job deletes when it is done with it. */
    UploadJob submit(PipelineSpec spec, RecordKind kind, BodyFormat format, String fileName, Path file)
            throws IOException {
        RecordPump pump = new RecordPump(budget, null, (int) config.maxRecordSize().asLongValue(),
                PipelineInputResource.admission(ingestion, spec, kind, SOURCE),
                PipelineInputResource.refusal(ingestion, spec, kind, SOURCE));
        UploadJob job = new UploadJob(UUID.randomUUID().toString(), spec, kind, format, fileName, file, pump,
                config.uploadRejectionsKept(), config.uploadProgressInterval());
        synchronized (jobs) {
            jobs.put(job.id(), job);
            forgetOldest();
        }
        workers.execute(job);
        return job;
    }

    Optional<UploadJob> find(String pipeline, String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id)).filter(job -> job.pipeline().equals(pipeline));
        }
    }

    /** The pipeline's remembered jobs, newest first. */
    List<UploadJob> list(String pipeline) {
        List<UploadJob> found = new ArrayList<>();
        synchronized (jobs) {
            jobs.values().stream().filter(job -> job.pipeline().equals(pipeline)).forEach(job -> found.add(0, job));
        }
        return found;
    }

    private void forgetOldest() {
        Iterator<UploadJob> oldestFirst = jobs.values().iterator();
        int excess = jobs.size() - config.uploadJobsKept();
        while (excess > 0 && oldestFirst.hasNext()) {
            if (oldestFirst.next().isFinished()) {
                oldestFirst.remove();
                excess--;
            }
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}

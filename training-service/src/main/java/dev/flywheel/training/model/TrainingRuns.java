package dev.flywheel.training.model;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import dev.flywheel.runtime.LogContext;
import dev.flywheel.training.config.TrainingConfig;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Every run, whatever its trigger, goes through here: one executor with one thread runs them in order,
 * so trainings never compete for the CPU and the engine-wide random seed stays reproducible; at most one
 * run per pipeline is queued or running. Keeps the recent runs of each pipeline for the HTTP API.
 */
@Singleton
public class TrainingRuns {

    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "training-run");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Deque<TrainingRun>> byPipeline = new HashMap<>();
    private final TrainingJob job;
    private final TrainingConfig config;
    private final MeterRegistry meters;
    private final List<Consumer<TrainingRun>> endListeners = new CopyOnWriteArrayList<>();

    public TrainingRuns(TrainingJob job, TrainingConfig config, MeterRegistry meters) {
        this.job = job;
        this.config = config;
        this.meters = meters;
    }

    /** Called on the run's thread after each run ends, whatever its status. */
    public void onRunEnded(Consumer<TrainingRun> listener) {
        endListeners.add(listener);
    }

    /** Queues a run unless one of the pipeline is already queued or running. */
    public synchronized Submission submit(String pipeline, Trigger trigger, String reason) {
        return submit(pipeline, trigger, reason, null);
    }

    /** {@link #submit(String, Trigger, String)} of a run started by a {@code DriftDetected} (its event id). */
    public synchronized Submission submit(String pipeline, Trigger trigger, String reason, String driftEventId) {
        Optional<TrainingRun> active = active(pipeline);
        if (active.isPresent()) {
            return new Submission(active.get(), false);
        }
        TrainingRun run = new TrainingRun(UUID.randomUUID().toString(), pipeline, trigger, reason, Instant.now(),
                config.progressLogInterval());
        run.startedBy(driftEventId);
        Deque<TrainingRun> runs = byPipeline.computeIfAbsent(pipeline, name -> new ArrayDeque<>());
        runs.addFirst(run);
        prune(runs);
        executor.submit(() -> execute(run));
        return new Submission(run, true);
    }

    private void execute(TrainingRun run) {
        // Every line the run logs on this thread names it.
        try (LogContext ignored = LogContext.of(LogContext.PIPELINE, run.pipeline(), LogContext.RUN_ID, run.id())) {
            job.execute(run);
        } finally {
            meters.counter("flywheel.training.runs", "pipeline", run.pipeline(), "trigger", run.trigger().keyword(),
                    "status", run.status().name().toLowerCase(Locale.ROOT)).increment();
            endListeners.forEach(listener -> listener.accept(run));
        }
    }

    /** Newest first. */
    public synchronized List<TrainingRun> runs(String pipeline) {
        return List.copyOf(byPipeline.getOrDefault(pipeline, new ArrayDeque<>()));
    }

    public synchronized Optional<TrainingRun> run(String pipeline, String id) {
        return runs(pipeline).stream().filter(run -> run.id().equals(id)).findFirst();
    }

    public synchronized Optional<TrainingRun> active(String pipeline) {
        return runs(pipeline).stream().filter(run -> !run.status().isFinished()).findFirst();
    }

    /** The newest run of a pipeline with this trigger. */
    public synchronized Optional<TrainingRun> latest(String pipeline, Trigger trigger) {
        return runs(pipeline).stream().filter(run -> run.trigger() == trigger).findFirst();
    }

    /** When the newest run of a pipeline was requested, whatever its trigger. */
    public synchronized Optional<Instant> lastRequested(String pipeline) {
        return runs(pipeline).stream().findFirst().map(TrainingRun::requestedAt);
    }

    private void prune(Deque<TrainingRun> runs) {
        int finishedKept = 0;
        for (Iterator<TrainingRun> it = runs.iterator(); it.hasNext(); ) {
            TrainingRun run = it.next();
            if (run.status().isFinished() && ++finishedKept > config.runsKept()) {
                it.remove();
            }
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}

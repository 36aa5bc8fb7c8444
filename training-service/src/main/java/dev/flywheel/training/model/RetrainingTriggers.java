package dev.flywheel.training.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.model.ModelMetadata;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.training.config.TrainingConfig;
import dev.flywheel.training.dataset.ExampleReader;
import dev.flywheel.training.registry.ModelRegistry;
import dev.flywheel.training.registry.PendingDrifts;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts the runs nobody asks for by HTTP:
 * <ul>
 *   <li><b>drift</b>: a {@code DriftDetected} on {@code flywheel.drift}, through {@link DriftGate};</li>
 *   <li><b>bootstrap</b>: a pipeline without a model trains as soon as its examples topic holds
 *       {@code minExamples} records;</li>
 *   <li><b>schedule</b>: the spec's {@code training.schedule} elapsed since the last training.</li>
 * </ul>
 * The last two are checked every {@code flywheel.training.check-interval} on a single timer thread (a plain
 * scheduled executor: one fixed-delay loop needs no scheduler extension).
 *
 * <p>A drift verdict that starts or is deferred to a run is owed until that run ends ({@link PendingDrifts}, in
 * the registry database, written before the verdict's offset is committed): after a crash or restart the owed
 * verdicts are deferred again at start, so a retraining queued, running or waiting for its cooldown is never lost.
 */
@Singleton
public class RetrainingTriggers {

    private static final Logger LOG = Logger.getLogger(RetrainingTriggers.class);
    private static final Topic<String, DriftDetected> DRIFT = Topics.drift();

    private final PipelineCatalog catalog;
    private final TrainingRuns runs;
    private final ModelRegistry registry;
    private final ExampleReader reader;
    private final TrainingConfig config;
    private final MeterRegistry meters;
    private final PendingDrifts pending;
    private final Map<String, Instant> lastMonitoringRun = new ConcurrentHashMap<>();
    /**
     * A verdict that arrived during the cooldown or a run: the monitor does not repeat itself until its
     * own cooldown passes and only judges new outcomes, so a lasting drift would otherwise never retrain
     * if the stream pauses; it is retried on each check until the gate opens.
     */
    private final Map<String, DriftDetected> deferred = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "training-triggers");
        thread.setDaemon(true);
        return thread;
    });

    public RetrainingTriggers(PipelineCatalog catalog, TrainingRuns runs, ModelRegistry registry, ExampleReader reader,
                              TrainingConfig config, MeterRegistry meters, PendingDrifts pending) {
        this.catalog = catalog;
        this.runs = runs;
        this.registry = registry;
        this.reader = reader;
        this.config = config;
        this.meters = meters;
        this.pending = pending;
        runs.onRunEnded(this::settle);
    }

    void onStart(@Observes StartupEvent start) {
        // The cooldown survives restarts: the newest version trained on drift tells when the last one ran.
        for (PipelineSpec spec : catalog.all()) {
            registry.versions(spec.name()).stream()
                    .filter(version -> Trigger.DRIFT.keyword().equals(version.trigger()))
                    .map(ModelMetadata::createdAt)
                    .max(Comparator.naturalOrder())
                    .ifPresent(last -> lastMonitoringRun.put(spec.name(), last));
        }
        resumeOwed();
        long interval = config.checkInterval().toMillis();
        timer.scheduleWithFixedDelay(this::checkPipelines, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Acknowledged after it returns (the default post-processing ack): the handler only queues a run, so
     * a verdict is never lost between receipt and queueing. A record that is not a {@code DriftDetected}
     * goes to the dead-letter topic.
     */
    @Incoming("drift")
    public synchronized void onDrift(byte[] value) {
        DriftDetected drift = DRIFT.valueSerde().deserializer().deserialize(DRIFT.name(), value);
        Optional<PipelineSpec> spec = catalog.find(drift.pipeline());
        if (spec.isEmpty()) {
            LOG.warnf("ignoring drift of unknown pipeline '%s'", drift.pipeline());
            count(drift.pipeline(), "unknown_pipeline");
            return;
        }
        String pipeline = spec.get().name();
        DriftGate.Verdict verdict = consider(spec.get(), drift, false);
        if (verdict == DriftGate.Verdict.RETRAIN || deferred.get(pipeline) == drift) {
            owe(drift);
        }
        count(pipeline, verdict.keyword());
    }

    /** The verdicts owed when the last process stopped are deferred again: the next check acts on them. */
    void resumeOwed() {
        try {
            for (DriftDetected drift : pending.owed()) {
                if (catalog.find(drift.pipeline()).isPresent()) {
                    deferred.put(drift.pipeline(), drift);
                    LOG.infof("%s: drift verdict %s on version %s still owes a retraining (resumed after a restart)",
                            drift.pipeline(), drift.eventId(), drift.modelVersion());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("cannot read the drift verdicts owed from the registry database: %s", e.toString());
        }
    }

    /** Best effort: while the registry database is unavailable the verdict is still acted on in this process. */
    private void owe(DriftDetected drift) {
        try {
            pending.owe(drift, Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("%s: drift verdict %s not recorded as owed (%s); a restart before its run ends would lose it",
                    drift.pipeline(), drift.eventId(), e.toString());
        }
    }

    private void settle(TrainingRun run) {
        if (run.trigger() == Trigger.DRIFT && run.driftEventId() != null) {
            settle(run.pipeline(), run.driftEventId());
        }
    }

    private void settle(String pipeline, String driftEventId) {
        try {
            pending.settle(pipeline, driftEventId);
        } catch (RuntimeException e) {
            LOG.warnf("%s: drift verdict %s not settled in the registry database (%s); a restart would retry it",
                    pipeline, driftEventId, e.toString());
        }
    }

    /** Runs the gate on a verdict and starts the retraining it allows; a verdict held back is deferred. */
    private synchronized DriftGate.Verdict consider(PipelineSpec spec, DriftDetected drift, boolean retry) {
        String pipeline = spec.name();
        Instant now = Instant.now();
        DriftGate.Decision decision = DriftGate.decide(drift, spec.monitoring().retraining(),
                Optional.ofNullable(lastMonitoringRun.get(pipeline)), runs.active(pipeline).isPresent(), now);
        DriftGate.Verdict verdict = decision.verdict();
        if (verdict == DriftGate.Verdict.RETRAIN) {
            Submission submission = runs.submit(pipeline, Trigger.DRIFT, (retry ? "deferred " : "") + decision.reason(),
                    drift.eventId());
            if (submission.accepted()) {
                lastMonitoringRun.put(pipeline, now);
                deferred.remove(pipeline);
                LOG.infof("%s: retraining on %s (run %s)", pipeline, decision.reason(), submission.run().id());
                return verdict;
            }
            verdict = DriftGate.Verdict.RUNNING;
        }
        if (verdict == DriftGate.Verdict.COOLDOWN || verdict == DriftGate.Verdict.RUNNING) {
            if (deferred.put(pipeline, drift) == null || !retry) {
                LOG.infof("%s: retraining deferred: %s", pipeline, decision.reason());
            }
        } else if (!retry) {
            LOG.infof("%s: no retraining: %s", pipeline, decision.reason());
        }
        return verdict;
    }

    /** A deferred verdict still stands while the version it judged is the one promoted. */
    private void retryDeferred(PipelineSpec spec) {
        DriftDetected drift = deferred.get(spec.name());
        if (drift == null) {
            return;
        }
        boolean stillServed = registry.promoted(spec.name())
                .map(promoted -> promoted.version().equals(drift.modelVersion())).orElse(false);
        if (!stillServed) {
            deferred.remove(spec.name());
            settle(spec.name(), drift.eventId());
            LOG.infof("%s: dropping the deferred drift on version %s: another version is promoted now",
                    spec.name(), drift.modelVersion());
            return;
        }
        consider(spec, drift, true);
    }

    void checkPipelines() {
        for (PipelineSpec spec : catalog.all()) {
            try {
                retryDeferred(spec);
                check(spec);
            } catch (RuntimeException e) {
                LOG.warnf("checking %s for a due training failed: %s", spec.name(), e.toString());
            }
        }
    }

    private void check(PipelineSpec spec) {
        String pipeline = spec.name();
        if (runs.active(pipeline).isPresent()) {
            return;
        }
        boolean hasModel = registry.promoted(pipeline).isPresent();
        if (!hasModel) {
            long available = reader.available(pipeline);
            Optional<Long> refusedAt = runs.latest(pipeline, Trigger.BOOTSTRAP)
                    .filter(run -> (run.status() == RunStatus.REFUSED || run.status() == RunStatus.FAILED) && run.result() != null)
                    .map(run -> run.result().offsets().stream().mapToLong(range -> range.count()).sum());
            if (DueTrainings.bootstrapDue(false, available, spec.model().training().minExamples(), refusedAt)) {
                runs.submit(pipeline, Trigger.BOOTSTRAP, "no model yet and " + available + " examples on the topic");
            }
            return;
        }
        // The newer of the last run requested here and the newest version (which survives restarts).
        Optional<Instant> lastTraining = Stream.concat(runs.lastRequested(pipeline).stream(),
                        registry.versions(pipeline).stream().map(ModelMetadata::createdAt))
                .max(Comparator.naturalOrder());
        if (DueTrainings.scheduleDue(spec.model().training().schedule(), true, lastTraining, Instant.now())) {
            runs.submit(pipeline, Trigger.SCHEDULE, "every " + spec.model().training().schedule().orElseThrow());
        }
    }

    private void count(String pipeline, String decision) {
        meters.counter("flywheel.training.drift.decisions", "pipeline", pipeline, "decision", decision).increment();
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}

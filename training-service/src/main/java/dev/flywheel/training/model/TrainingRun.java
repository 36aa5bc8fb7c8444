package dev.flywheel.training.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.jboss.logging.Logger;

import dev.flywheel.training.tuning.TrialProgress;

/**
 * One training run of one pipeline: its state and progress, updated by the run's thread and read by
 * HTTP requests (hence synchronised). Progress is logged every {@code logInterval} with percent, rate
 * and ETA.
 */
public final class TrainingRun {

    private static final Logger LOG = Logger.getLogger(TrainingRun.class);
    private static final double READ_SHARE = 10;
    private static final double TRAIN_SHARE = 85;

    private final String id;
    private final String pipeline;
    private final Trigger trigger;
    private final String reason;
    private final Instant requestedAt;
    private final long logIntervalNanos;

    private volatile String driftEventId;
    private RunStatus status = RunStatus.QUEUED;
    private Instant startedAt;
    private Instant finishedAt;
    private String phase = "queued";
    private double percent;
    private long stepsDone;
    private long stepsTotal;
    private long trainingStartNanos;
    private long lastLogNanos;
    private String message;
    private RunResult result;
    private TrialProgress tuning;
    private int registryRetries;

    public TrainingRun(String id, String pipeline, Trigger trigger, String reason, Instant requestedAt,
                       Duration logInterval) {
        this.id = id;
        this.pipeline = pipeline;
        this.trigger = trigger;
        this.reason = reason;
        this.requestedAt = requestedAt;
        this.logIntervalNanos = logInterval.toNanos();
    }

    public String id() {
        return id;
    }

    public String pipeline() {
        return pipeline;
    }

    public Trigger trigger() {
        return trigger;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    /** The {@code DriftDetected} that started the run (recorded as the version's lineage), or null. */
    public String driftEventId() {
        return driftEventId;
    }

    void startedBy(String driftEventId) {
        this.driftEventId = driftEventId;
    }

    public synchronized RunStatus status() {
        return status;
    }

    public synchronized RunResult result() {
        return result;
    }

    synchronized void started() {
        status = RunStatus.RUNNING;
        startedAt = Instant.now();
        phase = "reading examples";
        LOG.infof("%s run %s started (%s: %s)", pipeline, id, trigger.keyword(), reason);
    }

    synchronized void reading(long read, long total) {
        percent = total == 0 ? READ_SHARE : READ_SHARE * read / total;
    }

    synchronized void training(String candidate, int index, int count, long totalSteps) {
        phase = "training " + candidate + " (" + index + " of " + count + ")";
        tuning = null;
        stepsTotal = totalSteps;
        if (trainingStartNanos == 0) {
            trainingStartNanos = System.nanoTime();
        }
        LOG.infof("%s run %s: %s", pipeline, id, phase);
    }

    synchronized void step(long reported, long total, int epoch, double loss) {
        // Tuning trials train in parallel and report one shared count: a late, smaller report must not go back.
        long done = Math.max(stepsDone, reported);
        stepsDone = done;
        stepsTotal = total;
        percent = READ_SHARE + TRAIN_SHARE * done / Math.max(total, 1);
        long now = System.nanoTime();
        if (now - lastLogNanos >= logIntervalNanos || done == total) {
            lastLogNanos = now;
            Double rate = stepsPerSecond();
            Double eta = eta(rate);
            LOG.infof("%s run %s: %s %.0f%% (%d/%d steps, %s steps/s, ETA %s s), epoch %d loss %.4f", pipeline, id,
                    phase, percent, done, total, rate == null ? "?" : rate, eta == null ? "?" : eta, epoch, loss);
        }
    }

    /**
     * A tuning trial started or finished: the phase names it, with the best so far; logged with rate and ETA. The
     * last one stays in the view after the run, as the tuning's summary, until an untuned candidate starts.
     */
    synchronized void trial(TrialProgress progress) {
        tuning = progress;
        phase = String.format(Locale.ROOT, "tuning %s: trial %d of %d (rung %d, %s %d), best so far %s", progress.candidate(),
                progress.trial(), progress.trials(), progress.rung(), progress.resourceParam(), progress.resource(),
                progress.bestScore() == null ? "none yet" : String.format(Locale.ROOT, "%.4f (trial %d)",
                        progress.bestScore(), progress.bestTrial()));
        Double rate = stepsPerSecond();
        Double eta = eta(rate);
        LOG.infof("%s run %s: %s; %.0f%%, %d of at most %d trainings done, ETA %s s", pipeline, id, phase, percent,
                progress.trainings(), progress.scheduled(), eta == null ? "?" : eta);
    }

    synchronized void registering() {
        phase = "evaluating the champion and registering";
        percent = READ_SHARE + TRAIN_SHARE;
    }

    /**
     * The registry database could not be reached: the phase (and the log) says so, with the coming retry, e.g.
     * "registry unavailable, retry 2 of 11 in 4s (registering the version: ...)". The trained model is kept.
     */
    synchronized void registryUnavailable(String step, int retry, int retries, Duration wait, RuntimeException cause) {
        registryRetries++;
        phase = String.format(Locale.ROOT, "registry unavailable, retry %d of %d in %s (%s: %s)", retry, retries,
                seconds(wait), step, cause.getMessage());
        LOG.warnf("%s run %s: %s", pipeline, id, phase);
    }

    /** How many times the run waited for the registry database. */
    public synchronized int registryRetries() {
        return registryRetries;
    }

    /** "4s", "0.5s". */
    static String seconds(Duration wait) {
        long millis = wait.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    synchronized void succeeded(RunResult outcome, String summary) {
        finish(RunStatus.SUCCEEDED, outcome, null);
        percent = 100;
        LOG.infof("%s run %s succeeded in %d ms: %s", pipeline, id, elapsedMillis(), summary);
    }

    synchronized void refused(String why, RunResult partial) {
        finish(RunStatus.REFUSED, partial, why);
        LOG.infof("%s run %s refused: %s", pipeline, id, why);
    }

    synchronized void failed(String why, RunResult partial) {
        finish(RunStatus.FAILED, partial, why);
        LOG.warnf("%s run %s failed: %s", pipeline, id, why);
    }

    private void finish(RunStatus outcome, RunResult report, String why) {
        status = outcome;
        result = report;
        message = why;
        finishedAt = Instant.now();
        phase = outcome.name().toLowerCase(Locale.ROOT);
    }

    public synchronized TrainingRunView view() {
        Double rate = stepsPerSecond();
        Double eta = status.isFinished() ? null : eta(rate);
        return new TrainingRunView(id, pipeline, trigger.keyword(), reason, status, requestedAt, startedAt, finishedAt,
                new TrainingRunView.Progress(phase, Math.round(percent * 10) / 10.0, stepsDone, stepsTotal, rate, eta,
                        tuning),
                message, result);
    }

    private Double stepsPerSecond() {
        if (trainingStartNanos == 0 || stepsDone == 0) {
            return null;
        }
        double seconds = (System.nanoTime() - trainingStartNanos) / 1e9;
        return seconds > 0 ? Math.round(stepsDone / seconds * 10) / 10.0 : null;
    }

    private Double eta(Double rate) {
        return rate == null || rate == 0 ? null : Math.round((stepsTotal - stepsDone) / rate * 10) / 10.0;
    }

    private long elapsedMillis() {
        return startedAt == null ? 0 : Duration.between(startedAt, finishedAt).toMillis();
    }
}

package dev.flywheel.monitor.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.contracts.spec.AccuracyPolicy;
import dev.flywheel.contracts.spec.Metric;
import dev.flywheel.contracts.spec.ModelTask;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.monitor.metrics.OutcomeSample;
import dev.flywheel.monitor.metrics.OutcomeWindow;
import dev.flywheel.monitor.metrics.QualityMetrics;

/**
 * Judges the served model of one pipeline after each of its outcomes, and says when its accuracy drifted.
 *
 * <p>The judged sample is the served version's latest {@code max(minOutcomes, window)} outcomes: a sliding window
 * of that size shows a change within about one window of events, whereas the 20k-outcome quality window would
 * dilute it for tens of thousands. For a binary model the sample reaches further back, up to the whole quality
 * window, until it holds {@code monitoring.minPositives} positives (about 2,500 outcomes for 20 at a 0.8 % fraud
 * rate): average precision over one or two positives is noise. If even the quality window holds fewer, or the
 * sample fewer than {@code minOutcomes} outcomes, the model is not judged.
 *
 * <p>Drift is reported when {@link AccuracyPolicy#isAcceptable} says no, once per served version: again only
 * after {@code retraining.cooldown} has passed, or as soon as another version is promoted (the version then
 * differs). Not thread-safe: one feed thread calls it.
 */
public final class AccuracyWatch {

    private final PipelineSpec spec;
    private final QualityMetrics metrics;
    private final int sampleSize;
    private LastFiring last;

    private record LastFiring(String version, Instant at) {
    }

    public AccuracyWatch(PipelineSpec spec, QualityMetrics metrics, int window) {
        this.spec = spec;
        this.metrics = metrics;
        this.sampleSize = Math.max(spec.monitoring().minOutcomes(), window);
    }

    /** How many of the latest outcomes are judged at least (more when they hold too few positives). */
    public int sampleSize() {
        return sampleSize;
    }

    /**
     * @param version     the version now serving the pipeline; the window must be its own
     * @param servedSince when it was promoted: drift reported for it before that (an earlier stint) does not count
     * @param baseline    its holdout value of the accuracy metric; NaN when unknown (only absolute bounds apply)
     * @return the drift to publish, if the policy says the served model is no longer acceptable
     */
    public Optional<DriftDetected> check(String version, Instant servedSince, OutcomeWindow window, double baseline,
                                         Instant now) {
        AccuracyPolicy policy = spec.monitoring().accuracy();
        Metric metric = policy.metric();
        if (!metrics.reported().contains(metric) || recentlyReported(version, servedSince, now)) {
            return Optional.empty();
        }
        boolean binary = spec.model().task() == ModelTask.BINARY_CLASSIFICATION;
        int minPositives = binary ? spec.monitoring().minPositives() : 0;
        Optional<OutcomeSample> judged = window.latestHolding(sampleSize, minPositives);
        if (judged.isEmpty() || judged.get().size() < spec.monitoring().minOutcomes()) {
            return Optional.empty();
        }
        OutcomeSample sample = judged.get();
        double live = metrics.compute(metric, sample);
        if (Double.isNaN(live) || policy.isAcceptable(live, baseline)) {
            return Optional.empty();
        }
        last = new LastFiring(version, now);
        return Optional.of(new DriftDetected("accuracy:" + spec.name() + ":" + version + ":" + now.toEpochMilli(),
                DriftDetected.SCHEMA_VERSION, spec.name(), version, DriftDetected.Kind.ACCURACY, metric.keyword(),
                live, AccuracyLimit.of(policy, baseline), Double.isNaN(baseline) ? null : baseline,
                sample.firstEventTime(), sample.lastEventTime(), now,
                Map.of("outcomes", (double) sample.size(), "positives", (double) sample.positives())));
    }

    /** Takes note of accuracy drift already published (read back from {@code flywheel.drift}, e.g. after a restart). */
    public void remember(DriftDetected published) {
        if (published.kind() != DriftDetected.Kind.ACCURACY || published.detectedAt() == null) {
            return;
        }
        if (last == null || published.detectedAt().isAfter(last.at())) {
            last = new LastFiring(published.modelVersion(), published.detectedAt());
        }
    }

    private boolean recentlyReported(String version, Instant servedSince, Instant now) {
        Duration cooldown = spec.monitoring().retraining().cooldown();
        return last != null && last.version().equals(version) && !last.at().isBefore(servedSince)
                && now.isBefore(last.at().plus(cooldown));
    }
}

package dev.flywheel.monitor.business;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.spec.BusinessGoal;
import dev.flywheel.contracts.spec.Metric;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.monitor.alert.WebhookNotifier;
import dev.flywheel.monitor.config.MonitorConfig;
import dev.flywheel.monitor.drift.ServedModels;
import dev.flywheel.monitor.health.LabelTracker;
import dev.flywheel.monitor.metrics.OutcomeSample;
import dev.flywheel.monitor.metrics.OutcomeWindow;
import dev.flywheel.monitor.metrics.QualityBook;
import dev.flywheel.monitor.metrics.QualityMetrics;
import dev.flywheel.runtime.PipelineCatalog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Tracks the goals of each pipeline's {@code business} section against live data of its served version: quality
 * over its latest outcomes like live accuracy (at least {@code drift.window}, more until they hold the spec's
 * {@code monitoring.minPositives} positives; never fewer than {@code minOutcomes}), p99 latency of served predictions, label coverage, days since promotion, realised net value per day.
 * Consumes predictions from the feed and what the quality book, label tracker and ledger hold; produces {@link GoalReport}s (for {@code /health}), the gauges
 * {@code flywheel_monitor_goal_status{pipeline,metric,by}} (1 met, 0 at risk, -1 missed) and
 * {@code flywheel_monitor_goal_observed}, and a webhook when a goal slips (met to at risk, at risk to missed, measured
 * from its last known status, across versions: the goal is the pipeline's) or the
 * served version's realised ROI turns negative. Goals are judged every {@code business.interval} ({@link #tick});
 * the notifier's dedup keeps one post per goal and status.
 */
@Singleton
public class GoalTracker {

    private static final Logger LOG = Logger.getLogger(GoalTracker.class);

    private final Map<String, PipelineSpec> specs = new ConcurrentHashMap<>();
    private final ServedModels served;
    private final QualityBook quality;
    private final LabelTracker labels;
    private final ValueLedger ledger;
    private final WebhookNotifier notifier;
    private final Clock clock;
    private final Duration interval;
    private final int latencyWindow;
    private final int qualitySample;
    private final Map<String, LatencyWindow> latencies = new ConcurrentHashMap<>();
    private final Map<String, Instant> nextCheck = new ConcurrentHashMap<>();
    /** The latest judgement of each goal, by {@link GoalReport#key()}: what the gauges show and slips compare with. */
    private final Map<String, GoalReport> last = new ConcurrentHashMap<>();
    /**
     * The latest measured (not unknown) status of each goal: what a slip is measured from, so that a goal met by one
     * version and at risk on the next is a slip even though it was unknown while the new version had few outcomes.
     */
    private final Map<String, GoalStatus> lastKnown = new ConcurrentHashMap<>();
    /** Served versions already reported as losing money (pipeline + version), until their ROI recovers. */
    private final Map<String, Boolean> flaggedLosing = new ConcurrentHashMap<>();

    @Inject
    public GoalTracker(PipelineCatalog catalog, ServedModels served, QualityBook quality, LabelTracker labels,
                       ValueLedger ledger, WebhookNotifier notifier, MonitorConfig config, MeterRegistry registry) {
        this(catalog.all(), served, quality, labels, ledger, notifier, config.business().interval(),
                config.business().latencyWindow(), config.drift().window(), registry, Clock.systemUTC());
    }

    /**
     * @param qualitySample quality goals are judged over at least this many of the latest outcomes (more until they
     *                      hold {@code monitoring.minPositives} positives), like live accuracy ({@code drift.window})
     */
    public GoalTracker(Iterable<PipelineSpec> specs, ServedModels served, QualityBook quality, LabelTracker labels,
                       ValueLedger ledger, WebhookNotifier notifier, Duration interval, int latencyWindow,
                       int qualitySample, MeterRegistry registry, Clock clock) {
        specs.forEach(spec -> spec.business().ifPresent(business -> this.specs.put(spec.name(), spec)));
        this.served = served;
        this.quality = quality;
        this.labels = labels;
        this.ledger = ledger;
        this.notifier = notifier;
        this.interval = interval;
        this.latencyWindow = latencyWindow;
        this.qualitySample = qualitySample;
        this.clock = clock;
        this.specs.values().forEach(spec -> spec.business().orElseThrow().goals().forEach(goal -> {
            String key = spec.name() + ':' + goal.metric().keyword() + ':' + goal.by();
            Tags tags = Tags.of("pipeline", spec.name(), "metric", goal.metric().keyword(), "by", goal.by().toString());
            Gauge.builder("flywheel.monitor.goal.status", last, map -> Optional.ofNullable(map.get(key))
                            .map(report -> report.status().gaugeValue()).orElse(Double.NaN))
                    .tags(tags).description("A business goal: 1 met, 0 at risk, -1 missed, NaN not measured yet")
                    .register(registry);
            Gauge.builder("flywheel.monitor.goal.observed", last, map -> Optional.ofNullable(map.get(key))
                            .map(GoalReport::observed).orElse(Double.NaN))
                    .tags(tags).description("The live value a business goal is judged on").register(registry);
        }));
    }

    /** A served (not shadow) prediction's latency, for the latency goal. */
    public void onPrediction(PredictionMade prediction) {
        if (prediction.shadow() || !specs.containsKey(prediction.pipeline())) {
            return;
        }
        latencies.computeIfAbsent(prediction.pipeline(), p -> new LatencyWindow(latencyWindow))
                .add(prediction.latencyMicros());
    }

    /**
     * Judges the goals of every pipeline whose {@code interval} has passed, and notifies slips. The feed calls it
     * between polls, so goals are judged whether or not outcomes keep arriving (a date passes, a model ages).
     */
    public void tick() {
        Instant now = clock.instant();
        for (PipelineSpec spec : specs.values()) {
            Instant due = nextCheck.get(spec.name());
            if (due == null || !now.isBefore(due)) {
                nextCheck.put(spec.name(), now.plus(interval));
                judgeAndNotify(spec, now);
            }
        }
    }

    /** The goals of a pipeline judged now, without notifying; empty for a pipeline without a business section. */
    public List<GoalReport> goals(String pipeline) {
        PipelineSpec spec = specs.get(pipeline);
        return spec == null ? List.of() : judge(spec, clock.instant());
    }

    private void judgeAndNotify(PipelineSpec spec, Instant now) {
        for (GoalReport report : judge(spec, now)) {
            last.put(report.key(), report);
            if (report.status() == GoalStatus.UNKNOWN) {
                continue;
            }
            GoalStatus before = lastKnown.put(report.key(), report.status());
            if (report.status().slippedFrom(before)) {
                LOG.warnf("pipeline %s: goal %s slipped from %s to %s (observed %s on version %s)", spec.name(),
                        report.goal(), before.keyword(), report.status().keyword(), report.observed(),
                        report.modelVersion());
                notifier.goalSlipped(report, before);
            }
        }
        served.served(spec.name()).flatMap(current -> ledger.realised(spec.name(), current.version()))
                .ifPresent(value -> {
                    String key = spec.name() + '\u0000' + value.modelVersion();
                    if (value.roiNegative() && flaggedLosing.putIfAbsent(key, true) == null) {
                        LOG.warnf("pipeline %s: model version %s loses money: net %.2f/day against doing nothing"
                                + " (running cost %.2f/day included)", spec.name(), value.modelVersion(),
                                value.netPerDay(), value.runningCostPerDay());
                        notifier.roiNegative(value);
                    } else if (value.judged() && !value.roiNegative()) {
                        flaggedLosing.remove(key);
                    }
                });
    }

    private List<GoalReport> judge(PipelineSpec spec, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Optional<ServedModels.Served> current = served.served(spec.name());
        String version = current.map(ServedModels.Served::version).orElse(null);
        List<GoalReport> reports = new ArrayList<>();
        for (BusinessGoal goal : spec.business().orElseThrow().goals()) {
            if (current.isEmpty()) {
                reports.add(GoalReport.of(spec.name(), goal, Double.NaN, today, null, "no served model version yet"));
                continue;
            }
            reports.add(measure(spec, goal, current.get(), now, today));
        }
        return reports;
    }

    private GoalReport measure(PipelineSpec spec, BusinessGoal goal, ServedModels.Served current, Instant now,
                               LocalDate today) {
        String p = spec.name();
        String version = current.version();
        return switch (goal.metric()) {
            case AVERAGE_PRECISION, ROC_AUC, F1 -> {
                Metric metric = Metric.valueOf(goal.metric().name());
                OutcomeWindow window = quality.windows(p).get(version);
                QualityMetrics metrics = quality.metrics(p).orElse(null);
                if (window == null || metrics == null) {
                    yield GoalReport.of(p, goal, Double.NaN, today, version, "no outcome of version " + version);
                }
                // Judged like live accuracy: over the latest outcomes, reaching back until they hold minPositives
                // positives. The whole 20k-outcome window would show a new fraud pattern only tens of thousands of
                // outcomes later, long after the accuracy drift it causes was reported and retrained.
                int minOutcomes = spec.monitoring().minOutcomes();
                int minPositives = spec.monitoring().minPositives();
                OutcomeSample sample = window.latestHolding(Math.max(minOutcomes, qualitySample), minPositives)
                        .filter(judged -> judged.size() >= minOutcomes).orElse(null);
                if (sample == null) {
                    OutcomeSample held = window.latest(window.size());
                    yield GoalReport.of(p, goal, Double.NaN, today, version, String.format(Locale.ROOT,
                            "%d outcomes holding %d positives; judged from %d holding %d", held.size(),
                            held.positives(), minOutcomes, minPositives));
                }
                yield GoalReport.of(p, goal, metrics.compute(metric, sample), today, version,
                        "over the latest " + sample.size() + " outcomes");
            }
            case SERVING_P99_LATENCY_MS -> {
                LatencyWindow window = latencies.get(p);
                yield GoalReport.of(p, goal, window == null ? Double.NaN : window.p99Millis(), today, version,
                        "over the latest served predictions (at most " + latencyWindow + ")");
            }
            case LABEL_COVERAGE -> {
                Double coverage = labels.labels(p, version).map(LabelTracker.Labels::coverage).orElse(null);
                yield GoalReport.of(p, goal, coverage == null ? Double.NaN : coverage, today, version,
                        "outcomes / predictions of version " + version);
            }
            case MODEL_AGE_DAYS -> GoalReport.of(p, goal,
                    Duration.between(current.since(), now).toSeconds() / 86_400.0, today, version,
                    "days since version " + version + " was promoted");
            case VALUE_PER_DAY -> {
                Optional<RealisedValue> value = ledger.realised(p, version);
                if (value.isEmpty() || !value.get().judged()) {
                    yield GoalReport.of(p, goal, Double.NaN, today, version, value.map(v -> v.outcomes()
                            + " valued outcomes holding " + v.positives() + " positives: too few to judge")
                            .orElse("no valued outcome of version " + version));
                }
                yield GoalReport.of(p, goal, value.get().netPerDay(), today, version,
                        "realised net value per day (decisions - doing nothing - running cost) over the latest "
                                + value.get().outcomes() + " outcomes");
            }
        };
    }
}

package dev.flywheel.monitor.metrics;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.monitor.config.MonitorConfig;
import dev.flywheel.runtime.PipelineCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Live quality per (pipeline, model version): an {@link OutcomeWindow} of the latest outcomes for each, and
 * the Prometheus meters over it: {@code flywheel_monitor_quality{pipeline,model_version,metric}} (computed on
 * scrape, at most once per new outcome), {@code flywheel_monitor_outcomes_total} and
 * {@code flywheel_monitor_positives_total}. Keeps the most recently fed versions of each pipeline only.
 */
@Singleton
public class QualityBook {

    private static final Logger LOG = Logger.getLogger(QualityBook.class);

    private final Map<String, QualityMetrics> metricsByPipeline;
    private final int windowSize;
    private final int versionsKept;
    private final MeterRegistry registry;
    /** Per pipeline, versions in access order (least recently fed first), guarded by the map itself. */
    private final Map<String, LinkedHashMap<String, TrackedVersion>> versions = new ConcurrentHashMap<>();

    @Inject
    public QualityBook(PipelineCatalog catalog, MonitorConfig config, MeterRegistry registry) {
        this(catalog.all().stream().collect(Collectors.toMap(PipelineSpec::name, QualityMetrics::of)),
                config.quality().window(), config.quality().versions(), registry);
        catalog.all().stream()
                .filter(spec -> !metricsByPipeline.get(spec.name()).reported().contains(spec.monitoring().accuracy().metric()))
                .forEach(spec -> LOG.warnf("pipeline %s: accuracy metric %s needs more than scores and labels; "
                        + "live accuracy is not judged", spec.name(), spec.monitoring().accuracy().metric().keyword()));
    }

    public QualityBook(Map<String, QualityMetrics> metricsByPipeline, int windowSize, int versionsKept,
                       MeterRegistry registry) {
        this.metricsByPipeline = Map.copyOf(metricsByPipeline);
        this.windowSize = windowSize;
        this.versionsKept = versionsKept;
        this.registry = registry;
    }

    /**
     * Adds an outcome to its version's window.
     *
     * @return that window, or empty for a pipeline this service does not run
     */
    public Optional<OutcomeWindow> record(OutcomeObserved outcome) {
        QualityMetrics metrics = metricsByPipeline.get(outcome.pipeline());
        if (metrics == null) {
            return Optional.empty();
        }
        LinkedHashMap<String, TrackedVersion> ofPipeline = versions.computeIfAbsent(outcome.pipeline(),
                p -> new LinkedHashMap<>(8, 0.75f, true));
        TrackedVersion tracked;
        synchronized (ofPipeline) {
            tracked = ofPipeline.computeIfAbsent(outcome.modelVersion(),
                    version -> new TrackedVersion(outcome.pipeline(), version, metrics));
            evictBeyondLimit(ofPipeline);
        }
        tracked.add(outcome);
        return Optional.of(tracked.window);
    }

    /** The versions of a pipeline with outcomes, and their windows. */
    public Map<String, OutcomeWindow> windows(String pipeline) {
        LinkedHashMap<String, TrackedVersion> ofPipeline = versions.get(pipeline);
        if (ofPipeline == null) {
            return Map.of();
        }
        synchronized (ofPipeline) {
            Map<String, OutcomeWindow> copy = new LinkedHashMap<>();
            ofPipeline.values().forEach(tracked -> copy.put(tracked.version, tracked.window));
            return copy;
        }
    }

    /** How a pipeline's quality is measured; empty for a pipeline this service does not run. */
    public Optional<QualityMetrics> metrics(String pipeline) {
        return Optional.ofNullable(metricsByPipeline.get(pipeline));
    }

    private void evictBeyondLimit(LinkedHashMap<String, TrackedVersion> ofPipeline) {
        Iterator<TrackedVersion> oldestFirst = ofPipeline.values().iterator();
        while (ofPipeline.size() > versionsKept && oldestFirst.hasNext()) {
            TrackedVersion evicted = oldestFirst.next();
            oldestFirst.remove();
            evicted.meters.forEach(registry::remove);
            LOG.infof("pipeline %s: stopped tracking model version %s (more than %d versions)", evicted.pipeline,
                    evicted.version, versionsKept);
        }
    }

    /** One version's window with its meters and the metric values last computed for the gauges. */
    private final class TrackedVersion {
        private final String pipeline;
        private final String version;
        private final QualityMetrics metrics;
        private final OutcomeWindow window = new OutcomeWindow(windowSize);
        private final Counter outcomes;
        private final Counter positives;
        private final List<Meter> meters = new ArrayList<>();
        private long computedAtTotal = -1;
        private Map<String, Double> computed = Map.of();

        TrackedVersion(String pipeline, String version, QualityMetrics metrics) {
            this.pipeline = pipeline;
            this.version = version;
            this.metrics = metrics;
            Tags tags = Tags.of("pipeline", pipeline, "model_version", version);
            outcomes = Counter.builder("flywheel.monitor.outcomes").tags(tags)
                    .description("Predictions joined with their label").register(registry);
            positives = Counter.builder("flywheel.monitor.positives").tags(tags)
                    .description("Outcomes whose label is the positive class").register(registry);
            meters.add(outcomes);
            meters.add(positives);
            for (String key : metrics.figureKeys()) {
                meters.add(Gauge.builder("flywheel.monitor.quality", this, tracked -> tracked.value(key))
                        .tags(tags.and("metric", key))
                        .description("Live model quality over the latest outcomes of a model version")
                        .register(registry));
            }
        }

        void add(OutcomeObserved outcome) {
            window.add(outcome);
            outcomes.increment();
            if (outcome.label() == 1.0) {
                positives.increment();
            }
        }

        synchronized double value(String key) {
            long total = window.total();
            if (total != computedAtTotal) {
                computed = metrics.computeFigures(window.latest(windowSize));
                computedAtTotal = total;
            }
            return computed.getOrDefault(key, Double.NaN);
        }
    }
}

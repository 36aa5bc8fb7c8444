package dev.flywheel.monitor.alert;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.monitor.config.MonitorConfig;
import dev.flywheel.runtime.TopicPublisher;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Raises drift: publishes {@link DriftDetected} on {@code flywheel.drift} (key = pipeline), logs it, and counts
 * it ({@code flywheel_monitor_drift_detected_total{pipeline,kind}}, for Alertmanager). Keeps the recent drift
 * events of each pipeline as read back from the topic, so the list includes those of earlier runs.
 */
@Singleton
public class DriftAlerts {

    private static final Logger LOG = Logger.getLogger(DriftAlerts.class);

    private final TopicPublisher publisher;
    private final MeterRegistry registry;
    private final int kept;
    private final Map<String, Deque<DriftDetected>> recent = new ConcurrentHashMap<>();

    public DriftAlerts(TopicPublisher publisher, MeterRegistry registry, MonitorConfig config) {
        this.publisher = publisher;
        this.registry = registry;
        this.kept = config.drift().recent();
    }

    public void raise(DriftDetected drift) {
        LOG.warnf("DRIFT DETECTED (%s) pipeline %s, model version %s: %s = %.4f crosses the limit %.4f "
                        + "(baseline %s) over %.0f outcomes with %.0f positives, event times %s .. %s",
                drift.kind(), drift.pipeline(), drift.modelVersion(), drift.metric(), drift.observed(), drift.threshold(),
                drift.baseline(), drift.details().getOrDefault("outcomes", Double.NaN),
                drift.details().getOrDefault("positives", Double.NaN), drift.windowStart(), drift.windowEnd());
        registry.counter("flywheel.monitor.drift.detected", "pipeline", drift.pipeline(), "kind", drift.kind().name())
                .increment();
        publisher.publish(Topics.drift(), drift.pipeline(), drift).whenComplete((metadata, error) -> {
            if (error != null) {
                LOG.errorf(error, "could not publish drift %s of pipeline %s", drift.eventId(), drift.pipeline());
            }
        });
    }

    /** A drift event read from {@code flywheel.drift}. */
    public void remember(DriftDetected drift) {
        Deque<DriftDetected> ofPipeline = recent.computeIfAbsent(drift.pipeline(), p -> new ArrayDeque<>());
        synchronized (ofPipeline) {
            if (ofPipeline.stream().anyMatch(known -> known.eventId().equals(drift.eventId()))) {
                return;
            }
            ofPipeline.addFirst(drift);
            while (ofPipeline.size() > kept) {
                ofPipeline.removeLast();
            }
        }
    }

    /** A pipeline's recent drift events, newest first. */
    public List<DriftDetected> recent(String pipeline) {
        Deque<DriftDetected> ofPipeline = recent.get(pipeline);
        if (ofPipeline == null) {
            return List.of();
        }
        synchronized (ofPipeline) {
            return List.copyOf(ofPipeline);
        }
    }
}

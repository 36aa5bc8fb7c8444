package dev.flywheel.monitor.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.monitor.config.MonitorConfig;
import dev.flywheel.runtime.LogContext;
import dev.flywheel.runtime.TopicPublisher;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Raises drift: publishes {@link DriftDetected} on {@code flywheel.drift} (key = pipeline), logs it, and counts
 * it ({@code flywheel_monitor_drift_detected_total{pipeline,kind}}, for Alertmanager). Keeps the recent drift
 * events of each pipeline as read back from the topic, so the list includes those of earlier runs.
 *
 * <p>Concept and data drift go through {@link #raiseDebounced}: one (pipeline, version, kind, metric) is published
 * at most once per {@code flywheel.monitor.drift.debounce} (also across restarts, from what was read back). Every
 * raised drift is an open alarm until {@link #resolve} says its condition cleared; {@link AlarmListener}s (the
 * webhooks) hear both.
 */
@Singleton
public class DriftAlerts {

    private static final Logger LOG = Logger.getLogger(DriftAlerts.class);

    private final TopicPublisher publisher;
    private final MeterRegistry registry;
    private final int kept;
    private final Map<String, Deque<DriftDetected>> recent = new ConcurrentHashMap<>();
    private final Instance<AlarmListener> listeners;
    private final Clock clock;
    private final AlarmDebounce debounced;
    /** Raised alarms whose condition has not cleared, per alarm key. */
    private final Map<String, DriftDetected> open = new ConcurrentHashMap<>();

    public DriftAlerts(TopicPublisher publisher, MeterRegistry registry, MonitorConfig config,
                       Instance<AlarmListener> listeners) {
        this.publisher = publisher;
        this.registry = registry;
        this.kept = config.drift().recent();
        this.debounced = new AlarmDebounce(config.drift().debounce());
        this.listeners = listeners;
        this.clock = Clock.systemUTC();
    }

    /** The key an alarm is deduplicated and resolved by: pipeline, model version, kind and metric. */
    public static String alarmKey(DriftDetected drift) {
        return alarmKey(drift.pipeline(), drift.modelVersion(), drift.kind(), drift.metric());
    }

    public static String alarmKey(String pipeline, String version, DriftDetected.Kind kind, String metric) {
        return pipeline + "/" + version + "/" + kind.name().toLowerCase(Locale.ROOT) + "/" + metric;
    }

    /**
     * Raises {@code drift} unless the same alarm was published less than the debounce period ago, or it is a
     * replay (its window ends no later than the last published one's: the feed re-reads outcomes at start).
     *
     * @return whether it was raised
     */
    public boolean raiseDebounced(DriftDetected drift) {
        if (!debounced.admits(drift)) {
            registry.counter("flywheel.monitor.drift.debounced", "pipeline", drift.pipeline(), "kind",
                    drift.kind().name()).increment();
            return false;
        }
        raise(drift);
        return true;
    }

    /** The open alarm of a key, if raised and not resolved. */
    public Optional<DriftDetected> open(String key) {
        return Optional.ofNullable(open.get(key));
    }

    /** Open alarms of a pipeline. */
    public List<DriftDetected> open(String pipeline, DriftDetected.Kind kind) {
        return open.values().stream().filter(d -> d.pipeline().equals(pipeline) && d.kind() == kind).toList();
    }

    /** The condition of an open alarm cleared: it is closed and the listeners hear "resolved". */
    public void resolve(String key, String reason) {
        DriftDetected drift = open.remove(key);
        if (drift == null) {
            return;
        }
        Instant now = clock.instant();
        try (LogContext ignored = context(drift)) {
            LOG.infof("RESOLVED (%s) pipeline %s, model version %s, %s: %s", drift.kind(), drift.pipeline(),
                    drift.modelVersion(), drift.metric(), reason);
            listeners.forEach(listener -> listener.resolved(drift, reason, now));
        }
    }

    private static LogContext context(DriftDetected drift) {
        return LogContext.of(LogContext.PIPELINE, drift.pipeline(), LogContext.MODEL_VERSION, drift.modelVersion(),
                LogContext.DRIFT_ID, drift.eventId());
    }

    /** Closes every open alarm of a pipeline raised for another version than {@code served}. */
    public void resolveOtherVersions(String pipeline, String served) {
        open.values().stream().filter(d -> d.pipeline().equals(pipeline) && !d.modelVersion().equals(served))
                .map(DriftAlerts::alarmKey).toList()
                .forEach(key -> resolve(key, "model version " + served + " now serves the pipeline"));
    }

    public void raise(DriftDetected drift) {
        try (LogContext ignored = context(drift)) {
            raiseInContext(drift);
        }
    }

    private void raiseInContext(DriftDetected drift) {
        debounced.published(drift);
        open.put(alarmKey(drift), drift);
        if (drift.kind() == DriftDetected.Kind.ACCURACY) {
            LOG.warnf("DRIFT DETECTED (%s) pipeline %s, model version %s: %s = %.4f crosses the limit %.4f "
                            + "(baseline %s) over %.0f outcomes with %.0f positives, event times %s .. %s",
                    drift.kind(), drift.pipeline(), drift.modelVersion(), drift.metric(), drift.observed(),
                    drift.threshold(), drift.baseline(), drift.details().getOrDefault("outcomes", Double.NaN),
                    drift.details().getOrDefault("positives", Double.NaN), drift.windowStart(), drift.windowEnd());
        } else {
            LOG.warnf("DRIFT DETECTED (%s) pipeline %s, model version %s: %s = %.4f crosses %.4f, event times "
                            + "%s .. %s, evidence %s", drift.kind(), drift.pipeline(), drift.modelVersion(),
                    drift.metric(), drift.observed(), drift.threshold(), drift.windowStart(), drift.windowEnd(),
                    new TreeMap<>(drift.details()));
        }
        registry.counter("flywheel.monitor.drift.detected", "pipeline", drift.pipeline(), "kind", drift.kind().name())
                .increment();
        publisher.publish(Topics.drift(), drift.pipeline(), drift).whenComplete((metadata, error) -> {
            if (error != null) {
                LOG.errorf(error, "could not publish drift %s of pipeline %s", drift.eventId(), drift.pipeline());
            }
        });
        listeners.forEach(listener -> listener.firing(drift));
    }

    /** A drift event read from {@code flywheel.drift}. */
    public void remember(DriftDetected drift) {
        debounced.published(drift);
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

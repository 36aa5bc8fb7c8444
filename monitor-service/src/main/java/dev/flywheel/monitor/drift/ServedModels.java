package dev.flywheel.monitor.drift;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.event.ModelLifecycleEvent;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.event.ModelRegistered;
import dev.flywheel.contracts.spec.Metric;

/**
 * Which model version serves each pipeline ({@link ModelPromoted}) and the holdout metrics every version was
 * registered with ({@link ModelRegistered}): the baseline its live quality is compared with. Fed from
 * {@code flywheel.models}, which is read from its beginning.
 */
@Singleton
public class ServedModels {

    private static final Logger LOG = Logger.getLogger(ServedModels.class);

    /** The version serving a pipeline, since when. */
    public record Served(String version, Instant since) {
    }

    private final Map<String, Served> served = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Double>> registered = new ConcurrentHashMap<>();
    /** The version each pipeline registered last: the challenger while another one serves. */
    private final Map<String, String> latestRegistered = new ConcurrentHashMap<>();

    public void apply(ModelLifecycleEvent event) {
        if (event instanceof ModelRegistered registration) {
            registered.put(key(registration.pipeline(), registration.modelVersion()), registration.metrics());
            latestRegistered.put(registration.pipeline(), registration.modelVersion());
        } else if (event instanceof ModelPromoted promotion) {
            Instant since = promotion.occurredAt() != null ? promotion.occurredAt() : Instant.EPOCH;
            served.put(promotion.pipeline(), new Served(promotion.modelVersion(), since));
            LOG.infof("pipeline %s is served by model version %s (was %s)", promotion.pipeline(),
                    promotion.modelVersion(), promotion.previousVersion());
        }
    }

    /** The version a pipeline registered last, promoted or not. */
    public Optional<String> latestRegistered(String pipeline) {
        return Optional.ofNullable(latestRegistered.get(pipeline));
    }

    public Optional<Served> served(String pipeline) {
        return Optional.ofNullable(served.get(pipeline));
    }

    /** The holdout value of a metric for a version; NaN when the version or the metric is not known. */
    public double baseline(String pipeline, String version, Metric metric) {
        Double value = registered.getOrDefault(key(pipeline, version), Map.of()).get(metric.keyword());
        return value == null ? Double.NaN : value;
    }

    /**
     * Any figure a version was registered with, by key (e.g. {@code expected_value_per_day}, which training adds
     * with a business section); null when the version or the key is not known.
     */
    public Double registered(String pipeline, String version, String key) {
        return registered.getOrDefault(key(pipeline, version), Map.of()).get(key);
    }

    private static String key(String pipeline, String version) {
        return pipeline + '\u0000' + version;
    }
}

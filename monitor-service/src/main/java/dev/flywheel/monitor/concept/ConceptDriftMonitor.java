package dev.flywheel.monitor.concept;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.spec.Metric;
import dev.flywheel.contracts.spec.ModelTask;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.monitor.alert.DriftAlerts;
import dev.flywheel.monitor.drift.ServedModels;
import dev.flywheel.runtime.PipelineCatalog;

/**
 * Runs each pipeline's concept-drift detector ({@code monitoring.detector}) on the error stream of its served
 * version: consumes {@link OutcomeObserved} of that version (binary classification: 1 = the decision at the model's
 * threshold was wrong; regression: the absolute error in units of the version's held-out MAE, see
 * {@link ResidualErrors}), and raises a {@link DriftDetected} of kind {@code CONCEPT} through
 * {@link DriftAlerts#raiseDebounced} when the detector fires; the detector's evidence is in the details. A newly
 * promoted version starts a fresh detector. A regression version registered without an MAE has no detector.
 * Called from the one feed thread; {@link #state} may be read from any.
 */
@Singleton
public class ConceptDriftMonitor {

    private static final Logger LOG = Logger.getLogger(ConceptDriftMonitor.class);

    /** What the health endpoint shows of a pipeline's detector. */
    public record State(String detector, String modelVersion, long outcomes, long errors, long alarms,
                        Double adwinWindow, Double adwinMean, Boolean ddmWarning, DetectorAlarm lastAlarm) {
    }

    private final ServedModels served;
    private final DriftAlerts alerts;
    private final Map<String, PipelineSpec> specs = new HashMap<>();
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final Clock clock;

    @Inject
    public ConceptDriftMonitor(PipelineCatalog catalog, ServedModels served, DriftAlerts alerts) {
        this(catalog.all(), served, alerts, Clock.systemUTC());
    }

    ConceptDriftMonitor(java.util.Collection<PipelineSpec> pipelines, ServedModels served, DriftAlerts alerts, Clock clock) {
        this.served = served;
        this.alerts = alerts;
        this.clock = clock;
        pipelines.forEach(spec -> specs.put(spec.name(), spec));
    }

    public void onOutcome(OutcomeObserved outcome) {
        PipelineSpec spec = specs.get(outcome.pipeline());
        if (spec == null) {
            return;
        }
        Optional<ServedModels.Served> current = served.served(outcome.pipeline());
        if (current.isEmpty() || !current.get().version().equals(outcome.modelVersion())) {
            return;
        }
        Watch watch = watches.compute(spec.name(), (name, known) -> known != null
                && known.version.equals(outcome.modelVersion()) ? known : Watch.start(spec, outcome.modelVersion(),
                served));
        if (watch == null) {
            return;
        }
        double input;
        boolean error;
        if (watch.residuals != null) {
            input = watch.residuals.input(outcome.score(), outcome.label());
            error = watch.residuals.exceeds(outcome.score(), outcome.label());
        } else {
            error = outcome.decision() != (outcome.label() >= 0.5);
            input = error ? 1 : 0;
        }
        watch.record(outcome.eventTime(), input, error).ifPresent(alarm -> {
            watch.alarms++;
            watch.lastAlarm = alarm;
            alerts.raiseDebounced(drift(spec, watch, alarm, outcome));
        });
    }

    /** The detector of a pipeline, if it has one and its served version has outcomes. */
    public Optional<State> state(String pipeline) {
        Watch watch = watches.get(pipeline);
        if (watch == null) {
            return Optional.empty();
        }
        ErrorStreamDetector detector = watch.detector;
        return Optional.of(new State(detector.type().keyword(), watch.version, detector.seen(), watch.errors,
                watch.alarms, detector instanceof Adwin adwin ? (double) adwin.width() : null,
                detector instanceof Adwin adwin ? adwin.mean() : null,
                detector instanceof Ddm ddm ? ddm.warning() : null, watch.lastAlarm));
    }

    private DriftDetected drift(PipelineSpec spec, Watch watch, DetectorAlarm alarm, OutcomeObserved outcome) {
        Instant now = clock.instant();
        long windowStart = alarm.evidence().getOrDefault("window_start", (double) alarm.index()).longValue();
        Map<String, Double> details = new HashMap<>(alarm.evidence());
        details.put("index", (double) alarm.index());
        String metric = (watch.residuals != null ? "abs_error:" : "error_rate:") + alarm.detector().keyword();
        return new DriftDetected("concept:" + spec.name() + ":" + watch.version + ":" + alarm.index() + ":"
                + now.toEpochMilli(), DriftDetected.SCHEMA_VERSION, spec.name(), watch.version,
                DriftDetected.Kind.CONCEPT, metric, alarm.observed(), alarm.threshold(), null,
                watch.eventTimeOf(windowStart, outcome.eventTime()), outcome.eventTime(), now, details);
    }

    /** One served version's detector, and the event times of its latest outcomes (to name the judged window). */
    private static final class Watch {
        private static final int TIMES = 1 << 14;

        final String version;
        final ErrorStreamDetector detector;
        /** Regression: how an outcome becomes the detector's input; null for binary classification. */
        final ResidualErrors residuals;
        final long[] times = new long[TIMES];
        long errors;
        long alarms;
        DetectorAlarm lastAlarm;

        private Watch(String version, ErrorStreamDetector detector, ResidualErrors residuals) {
            this.version = version;
            this.detector = detector;
            this.residuals = residuals;
        }

        /** Null without a detector, and for a regression version whose held-out MAE is not known. */
        static Watch start(PipelineSpec spec, String version, ServedModels served) {
            Optional<ErrorStreamDetector> detector = ErrorStreamDetector.of(spec.monitoring().detector());
            if (detector.isEmpty()) {
                return null;
            }
            if (spec.model().task() != ModelTask.REGRESSION) {
                return new Watch(version, detector.get(), null);
            }
            double mae = served.baseline(spec.name(), version, Metric.MAE);
            if (!(mae > 0) || !Double.isFinite(mae)) {
                LOG.warnf("pipeline %s version %s: no held-out MAE registered, so no concept-drift detector", spec.name(),
                        version);
                return null;
            }
            return new Watch(version, detector.get(), new ResidualErrors(mae, detector.get().type()));
        }

        Optional<DetectorAlarm> record(Instant eventTime, double input, boolean error) {
            times[(int) (detector.seen() % TIMES)] = eventTime == null ? 0 : eventTime.toEpochMilli();
            if (error) {
                errors++;
            }
            return detector.update(input);
        }

        /** The event time of an outcome index, or of the oldest one still known. */
        Instant eventTimeOf(long index, Instant fallback) {
            long oldest = Math.max(0, detector.seen() - TIMES);
            long millis = times[(int) (Math.max(index, oldest) % TIMES)];
            return millis == 0 ? fallback : Instant.ofEpochMilli(millis);
        }
    }
}

package dev.flywheel.monitor.data;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.contracts.event.ModelLifecycleEvent;
import dev.flywheel.contracts.event.ModelRegistered;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.spec.DriftPolicy;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.model.ReferenceDistributions;
import dev.flywheel.monitor.alert.DriftAlerts;
import dev.flywheel.monitor.config.MonitorConfig;
import dev.flywheel.monitor.drift.ServedModels;
import dev.flywheel.runtime.PipelineCatalog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Data drift of each pipeline's served version: consumes its {@link PredictionMade} (the features the model saw
 * and its score) into a {@link LiveWindow} of the latest {@code flywheel.monitor.data.window}, and every
 * {@code data.every} predictions compares each feature with the reference stored beside the version
 * ({@link ReferenceDistributions}, found through {@link ModelRegistered#artifactUri()}) by
 * {@link FeatureComparison}. Produces the latest {@link DataDriftReport} per pipeline, Prometheus gauges
 * ({@code flywheel_monitor_data_drift_psi{pipeline,feature}}, {@code ..._statistic{pipeline,feature,test}},
 * {@code flywheel_monitor_data_drift_share{pipeline}}, {@code flywheel_monitor_prediction_drift_psi{pipeline}}), and a
 * {@code DriftDetected} of kind {@code DATA} when the data set starts drifting (≥ {@code driftShare} of the
 * features), resolved when it stops. Called from the one feed thread; reports may be read from any.
 */
@Singleton
public class DataDriftMonitor {

    private static final Logger LOG = Logger.getLogger(DataDriftMonitor.class);

    private final Map<String, PipelineSpec> specs = new HashMap<>();
    private final ServedModels served;
    private final DriftAlerts alerts;
    private final MeterRegistry registry;
    private final MonitorConfig.Data settings;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, URI> artifacts = new ConcurrentHashMap<>();
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private final Map<String, DataDriftReport> latest = new ConcurrentHashMap<>();
    private final Map<String, double[]> gauges = new ConcurrentHashMap<>();

    /** The served version's reference and window, and whether its data set is drifting. */
    private record Live(String version, ReferenceDistributions reference, LiveWindow window, boolean[] drifting) {
    }

    public DataDriftMonitor(PipelineCatalog catalog, ServedModels served, DriftAlerts alerts, MeterRegistry registry,
                            MonitorConfig config) {
        catalog.all().forEach(spec -> specs.put(spec.name(), spec));
        this.served = served;
        this.alerts = alerts;
        this.registry = registry;
        this.settings = config.data();
    }

    public void onModel(ModelLifecycleEvent event) {
        if (event instanceof ModelRegistered registered && registered.artifactUri() != null) {
            artifacts.put(key(registered.pipeline(), registered.modelVersion()), URI.create(registered.artifactUri()));
        }
    }

    public void onPrediction(PredictionMade prediction) {
        PipelineSpec spec = specs.get(prediction.pipeline());
        Optional<ServedModels.Served> current = served.served(prediction.pipeline());
        if (spec == null || current.isEmpty() || !current.get().version().equals(prediction.modelVersion())) {
            return;
        }
        Live state = live.get(spec.name());
        if (state == null || !state.version().equals(prediction.modelVersion())) {
            state = start(spec.name(), prediction.modelVersion());
            live.put(spec.name(), state);
        }
        if (state.reference() == null) {
            return;
        }
        LiveWindow window = state.window();
        window.add(prediction.features(), prediction.score(), prediction.eventTime());
        boolean first = window.added() == settings.minSamples();
        if (window.size() >= settings.minSamples() && (first || window.added() % settings.every() == 0)) {
            judge(spec, state);
        }
    }

    /** The latest report of a pipeline, if its served version has been judged. */
    public Optional<DataDriftReport> latest(String pipeline) {
        return Optional.ofNullable(latest.get(pipeline));
    }

    /** Why a pipeline has no report yet, for people. */
    public String waitingReason(String pipeline) {
        Optional<ServedModels.Served> current = served.served(pipeline);
        if (current.isEmpty()) {
            return "no model version serves pipeline " + pipeline + " yet";
        }
        Live state = live.get(pipeline);
        if (state == null || !state.version().equals(current.get().version())) {
            return "no prediction of version " + current.get().version() + " seen yet";
        }
        if (state.reference() == null) {
            return "version " + state.version() + " has no readable " + ReferenceDistributions.FILE;
        }
        return "version " + state.version() + " has " + state.window().size() + " predictions; the comparison starts at "
                + settings.minSamples();
    }

    private Live start(String pipeline, String version) {
        ReferenceDistributions reference = null;
        URI folder = artifacts.get(key(pipeline, version));
        try {
            reference = folder == null ? null : ReferenceDistributions.read(Path.of(folder)).orElse(null);
        } catch (RuntimeException e) {
            LOG.warnf("pipeline %s version %s: cannot read its data-drift reference: %s", pipeline, version, e.getMessage());
        }
        if (reference == null) {
            LOG.infof("pipeline %s version %s has no %s (artifacts %s): no data drift is judged for it", pipeline, version,
                    ReferenceDistributions.FILE, folder);
        }
        List<String> names = reference == null ? List.of()
                : reference.features().stream().map(ReferenceDistributions.Column::name).toList();
        return new Live(version, reference, new LiveWindow(names, settings.window()), new boolean[1]);
    }

    private void judge(PipelineSpec spec, Live state) {
        DriftPolicy policy = spec.monitoring().data();
        LiveWindow window = state.window();
        List<FeatureDrift> features = new ArrayList<>();
        for (int f = 0; f < state.reference().features().size(); f++) {
            features.add(FeatureComparison.compare(state.reference().features().get(f), window.feature(f), policy));
        }
        FeatureDrift score = state.reference().score() == null ? null
                : FeatureComparison.compare(state.reference().score(), window.scores(),
                        new DriftPolicy(dev.flywheel.contracts.spec.DriftTest.AUTO, Double.NaN, policy.driftShare()));
        int drifted = (int) features.stream().filter(FeatureDrift::drifted).count();
        double share = features.isEmpty() ? 0 : (double) drifted / features.size();
        boolean datasetDrift = !features.isEmpty() && share >= policy.driftShare();
        Instant now = clock.instant();
        DataDriftReport report = new DataDriftReport(spec.name(), state.version(), now, window.size(),
                state.reference().rows(), features, drifted, share, policy.driftShare(), datasetDrift, score,
                window.firstEventTime(), window.lastEventTime());
        latest.put(spec.name(), report);
        publishGauges(report);
        String alarmKey = DriftAlerts.alarmKey(spec.name(), state.version(), DriftDetected.Kind.DATA, "drift_share");
        if (datasetDrift && !state.drifting()[0]) {
            alerts.raiseDebounced(drift(report, now));
        } else if (!datasetDrift && state.drifting()[0]) {
            alerts.resolve(alarmKey, String.format("drift share fell to %.2f (%d of %d features), below %.2f", share,
                    drifted, features.size(), policy.driftShare()));
        }
        state.drifting()[0] = datasetDrift;
    }

    private static DriftDetected drift(DataDriftReport report, Instant now) {
        Map<String, Double> details = new HashMap<>();
        details.put("drifted", (double) report.drifted());
        details.put("features", (double) report.features().size());
        details.put("live", (double) report.liveCount());
        details.put("reference", (double) report.referenceRows());
        for (FeatureDrift feature : report.features()) {
            details.put("psi:" + feature.feature(), feature.psi());
            details.put(feature.test() + ":" + feature.feature(), feature.statistic());
            details.put("drifted:" + feature.feature(), feature.drifted() ? 1.0 : 0.0);
        }
        if (report.score() != null) {
            details.put("psi:score", report.score().psi());
        }
        return new DriftDetected("data:" + report.pipeline() + ":" + report.modelVersion() + ":" + now.toEpochMilli(),
                DriftDetected.SCHEMA_VERSION, report.pipeline(), report.modelVersion(), DriftDetected.Kind.DATA,
                "drift_share", report.driftShare(), report.driftShareThreshold(), null, report.firstEventTime(),
                report.lastEventTime(), now, details);
    }

    private void publishGauges(DataDriftReport report) {
        String p = report.pipeline();
        gauge("flywheel.monitor.data.drift.share", List.of("pipeline", p)).set(report.driftShare());
        for (FeatureDrift feature : report.features()) {
            gauge("flywheel.monitor.data.drift.psi", List.of("pipeline", p, "feature", feature.feature()))
                    .set(feature.psi());
            gauge("flywheel.monitor.data.drift.statistic", List.of("pipeline", p, "feature", feature.feature(), "test",
                    feature.test())).set(feature.statistic());
        }
        if (report.score() != null) {
            gauge("flywheel.monitor.prediction.drift.psi", List.of("pipeline", p)).set(report.score().psi());
            gauge("flywheel.monitor.prediction.drift.statistic", List.of("pipeline", p, "test", report.score().test()))
                    .set(report.score().statistic());
        }
    }

    /** A gauge's value holder, registered once per name and tags. */
    private GaugeValue gauge(String name, List<String> tags) {
        String id = name + tags;
        double[] holder = gauges.computeIfAbsent(id, any -> {
            double[] value = {Double.NaN};
            Gauge.builder(name, value, v -> v[0]).tags(tags.toArray(String[]::new)).register(registry);
            return value;
        });
        return value -> holder[0] = value;
    }

    private interface GaugeValue {
        void set(double value);
    }

    private static String key(String pipeline, String version) {
        return pipeline + '\u0000' + version;
    }
}

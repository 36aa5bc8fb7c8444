package dev.flywheel.monitor.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.monitor.alert.DriftAlerts;
import dev.flywheel.monitor.business.ExpectedValue;
import dev.flywheel.monitor.business.GoalReport;
import dev.flywheel.monitor.business.GoalTracker;
import dev.flywheel.monitor.business.RealisedValue;
import dev.flywheel.monitor.business.RoleValue;
import dev.flywheel.monitor.business.ValueLedger;
import dev.flywheel.monitor.concept.ConceptDriftMonitor;
import dev.flywheel.monitor.data.DataDriftMonitor;
import dev.flywheel.monitor.data.DataDriftReport;
import dev.flywheel.monitor.drift.ServedModels;
import dev.flywheel.monitor.metrics.OutcomeSample;
import dev.flywheel.monitor.metrics.OutcomeWindow;
import dev.flywheel.monitor.metrics.QualityBook;
import dev.flywheel.monitor.metrics.QualityMetrics;
import dev.flywheel.runtime.PipelineCatalog;
import io.quarkus.security.Authenticated;

/**
 * {@code GET /v1/pipelines/{p}/health}: one page on a pipeline's model in production: the served version, its
 * live quality (over the outcomes the monitor holds), the concept-drift detector's state, the latest data-drift
 * verdict, the open alarms and the latest drift events, how labels keep up (coverage, lag, delay), and with a
 * {@code business} section the realised value per day of each version beside what its training run expected, and
 * each goal as met / at risk / missed.
 * {@code status} is {@code no_model}, {@code drifting} (an alarm of the served version is open) or {@code ok}.
 */
@Authenticated
@Path("/v1/pipelines/{pipeline}/health")
@Produces(MediaType.APPLICATION_JSON)
public class PipelineHealthResource {

    private static final int LAST_ALARMS = 5;

    private final PipelineCatalog catalog;
    private final ServedModels served;
    private final QualityBook quality;
    private final ConceptDriftMonitor concept;
    private final DataDriftMonitor data;
    private final DriftAlerts alerts;
    private final LabelTracker labels;
    private final ValueLedger ledger;
    private final GoalTracker goals;

    public PipelineHealthResource(PipelineCatalog catalog, ServedModels served, QualityBook quality,
                                  ConceptDriftMonitor concept, DataDriftMonitor data, DriftAlerts alerts,
                                  LabelTracker labels, ValueLedger ledger, GoalTracker goals) {
        this.catalog = catalog;
        this.served = served;
        this.quality = quality;
        this.concept = concept;
        this.data = data;
        this.alerts = alerts;
        this.labels = labels;
        this.ledger = ledger;
        this.goals = goals;
    }

    /**
     * @param quality  live metrics of the served version: keyword → value, null where undefined
     * @param business realised value and goals; null without a {@code business} section
     */
    public record PipelineHealth(String pipeline, String status, String servedVersion, Instant servedSince,
                                 LiveQuality quality, Object concept, DataDrift data, List<DriftDetected> openAlarms,
                                 List<DriftDetected> lastAlarms, LabelTracker.Labels labels, BusinessHealth business) {
    }

    /**
     * @param valuePerDay the champion, the challenger (scored in shadow, else registered last) and the rule
     *                    baseline side by side: expected and realised value per day, net, ROI
     * @param served     the served version's realised value per day beside its expected one; null before its outcomes
     * @param versions   every version with valued outcomes (an earlier champion, the served one, a shadow challenger)
     * @param challenger the version registered last when another one serves: its expected figures; null when none
     * @param goals      each goal of the spec judged now
     */
    public record BusinessHealth(List<RoleValue> valuePerDay, RealisedValue served, List<RealisedValue> versions,
                                 ExpectedValue challenger, List<GoalReport> goals) {
    }

    public record LiveQuality(int outcomes, int positives, Instant firstEventTime, Instant lastEventTime,
                              Map<String, Double> metrics) {
    }

    /** The latest data-drift verdict in brief; {@code waiting} says why there is none yet. */
    public record DataDrift(Boolean datasetDrift, Double driftShare, Integer drifted, Integer features,
                            List<String> driftedFeatures, Double scorePsi, Instant evaluatedAt, String waiting) {
    }

    @GET
    public PipelineHealth health(@PathParam("pipeline") String pipeline) {
        PipelineSpec spec = catalog.require(pipeline);
        String name = spec.name();
        ServedModels.Served current = served.served(name).orElse(null);
        if (current == null) {
            return new PipelineHealth(name, "no_model", null, null, null, null, null, List.of(),
                    recent(name), null, business(name, null));
        }
        String version = current.version();
        LiveQuality live = null;
        OutcomeWindow window = quality.windows(name).get(version);
        QualityMetrics metrics = quality.metrics(name).orElse(null);
        if (window != null && metrics != null) {
            OutcomeSample sample = window.latest(window.size());
            Map<String, Double> values = new LinkedHashMap<>();
            metrics.computeAll(sample).forEach((metric, value) -> values.put(metric.keyword(),
                    Double.isNaN(value) ? null : value));
            live = new LiveQuality(sample.size(), sample.positives(), sample.firstEventTime(), sample.lastEventTime(),
                    values);
        }
        DataDrift dataDrift = data.latest(name).filter(report -> report.modelVersion().equals(version))
                .map(PipelineHealthResource::brief)
                .orElseGet(() -> new DataDrift(null, null, null, null, List.of(), null, null, data.waitingReason(name)));
        List<DriftDetected> open = java.util.stream.Stream.of(DriftDetected.Kind.values())
                .flatMap(kind -> alerts.open(name, kind).stream())
                .filter(drift -> drift.modelVersion().equals(version)).toList();
        Object conceptState = concept.state(name).filter(state -> state.modelVersion().equals(version))
                .map(state -> (Object) state).orElse(Map.of("detector", spec.monitoring().detector().type().keyword(),
                        "waiting", "no outcome of version " + version + " yet"));
        return new PipelineHealth(name, open.isEmpty() ? "ok" : "drifting", version, current.since(), live,
                conceptState, dataDrift, open, recent(name), labels.labels(name, version).orElse(null),
                business(name, version));
    }

    private BusinessHealth business(String pipeline, String servedVersion) {
        if (!ledger.values(pipeline)) {
            return null;
        }
        RealisedValue served = servedVersion == null ? null : ledger.realised(pipeline, servedVersion).orElse(null);
        String latest = this.served.latestRegistered(pipeline).orElse(null);
        ExpectedValue challenger = latest == null || latest.equals(servedVersion) ? null
                : ledger.expected(pipeline, latest);
        return new BusinessHealth(ledger.compare(pipeline, servedVersion, latest), served, ledger.realised(pipeline),
                challenger, goals.goals(pipeline));
    }

    private List<DriftDetected> recent(String pipeline) {
        List<DriftDetected> recent = alerts.recent(pipeline);
        return recent.subList(0, Math.min(LAST_ALARMS, recent.size()));
    }

    private static DataDrift brief(DataDriftReport report) {
        return new DataDrift(report.datasetDrift(), report.driftShare(), report.drifted(), report.features().size(),
                report.features().stream().filter(f -> f.drifted()).map(f -> f.feature()).toList(),
                report.score() == null ? null : report.score().psi(), report.evaluatedAt(), null);
    }
}

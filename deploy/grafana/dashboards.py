"""Writes Flywheel's Grafana dashboards (dashboards/*.json) from the panel lists below.

Run `python3 deploy/grafana/dashboards.py` after changing a panel and commit both files. The queries use the
metric names of deploy/metrics.md; DashboardsTest checks ids, data source references and metric names, and
ObservabilityIT runs every query against a real Prometheus scraping the services.
"""
import json
import os

DATASOURCE = {"type": "prometheus", "uid": "flywheel-prometheus"}
HERE = os.path.dirname(os.path.abspath(__file__))
RATE = "$__rate_interval"


def target(expr, legend, ref):
    return {"datasource": DATASOURCE, "expr": expr, "legendFormat": legend, "refId": ref}


def panel(title, description, queries, unit="short", kind="timeseries", width=12):
    return {"title": title, "description": description, "type": kind, "unit": unit, "width": width,
            "queries": queries}


def build(uid, title, description, panels, annotations=()):
    grid_x, grid_y, out = 0, 0, []
    for number, p in enumerate(panels, start=1):
        if grid_x + p["width"] > 24:
            grid_x, grid_y = 0, grid_y + 8
        refs = "ABCDEFGH"
        out.append({
            "id": number,
            "title": p["title"],
            "description": p["description"],
            "type": p["type"],
            "datasource": DATASOURCE,
            "gridPos": {"x": grid_x, "y": grid_y, "w": p["width"], "h": 8},
            "fieldConfig": {"defaults": {"unit": p["unit"]}, "overrides": []},
            "options": {"legend": {"displayMode": "list", "placement": "bottom"}},
            "targets": [target(expr, legend, refs[i]) for i, (expr, legend) in enumerate(p["queries"])],
        })
        grid_x += p["width"]
    return {
        "uid": uid,
        "title": title,
        "description": description,
        "tags": ["flywheel"],
        "timezone": "utc",
        "schemaVersion": 39,
        "version": 1,
        "editable": False,
        "refresh": "10s",
        "time": {"from": "now-1h", "to": "now"},
        "templating": {"list": [{
            "name": "pipeline",
            "label": "pipeline",
            "type": "query",
            "datasource": DATASOURCE,
            "query": {"query": "label_values(flywheel_features_vectors_total, pipeline)", "refId": "pipeline"},
            "definition": "label_values(flywheel_features_vectors_total, pipeline)",
            "includeAll": True,
            "multi": True,
            "allValue": ".*",
            "current": {"text": "All", "value": "$__all"},
            "refresh": 2,
        }]},
        "annotations": {"list": [
            {"name": "Annotations & Alerts", "builtIn": 1, "type": "dashboard", "enable": True, "hide": True,
             "iconColor": "rgba(0, 211, 255, 1)", "datasource": {"type": "grafana", "uid": "-- Grafana --"}},
        ] + [dict(a, datasource=DATASOURCE, enable=True, step="30s") for a in annotations]},
        "panels": out,
    }


P = 'pipeline=~"$pipeline"'


def appeared_or_changed(counter, by):
    """A counter that changed within the last minute, or appeared in it with a value above zero: the services create
    some counters at their first event, with the value 1, which changes() alone never shows; others are registered
    at zero at start, which is no event."""
    selected = f"{counter}{{{P}}}"
    return (f"sum by ({by}) (changes({selected}[1m])) > 0"
            f" or sum by ({by}) ({selected} unless {selected} offset 1m) > 0")

OVERVIEW = build("flywheel-overview", "Flywheel / Platform overview",
                 "Records in, records refused, consumer lag and latency through the platform.", [
    panel("Ingest rate", "Records validated per second by pipeline, kind (event/label) and outcome.",
          [(f"sum by (pipeline, kind, outcome) (rate(flywheel_ingest_records_total{{{P}}}[{RATE}]))",
            "{{pipeline}} {{kind}} {{outcome}}")], unit="reqps"),
    panel("Reject ratio", "Share of records refused by validation (alert: FlywheelIngestRejectRatioHigh above 5 %).",
          [(f'sum by (pipeline, kind) (rate(flywheel_ingest_records_total{{{P},outcome="rejected"}}[{RATE}]))'
            f" / sum by (pipeline, kind) (rate(flywheel_ingest_records_total{{{P}}}[{RATE}]))",
            "{{pipeline}} {{kind}}")], unit="percentunit"),
    panel("Consumer lag", "Largest partition lag of each Kafka consumer and Streams thread, and the ingest raw-topic lag.",
          [("max by (service, client_id) (kafka_consumer_fetch_manager_records_lag_max)", "{{service}} {{client_id}}"),
           ("sum by (service) (flywheel_ingest_raw_lag)", "{{service}} raw topics")]),
    panel("Feature vectors and examples", "Feature vectors (to inference) and labelled examples (to training) emitted per second.",
          [(f"sum by (pipeline) (rate(flywheel_features_vectors_total{{{P}}}[{RATE}]))", "{{pipeline}} vectors"),
           (f"sum by (pipeline) (rate(flywheel_features_examples_total{{{P}}}[{RATE}]))", "{{pipeline}} examples")],
          unit="reqps"),
    panel("End-to-end latency (event to feature vector)",
          "Kafka Streams record-e2e-latency at the sink nodes of the feature and monitor topologies: wall clock minus "
          "the record's timestamp, which is the event time. For live data that is the latency from the event to its "
          "feature vector; for replayed history it is the age of the events.",
          [('max by (service) (kafka_stream_processor_node_record_e2e_latency_max{processor_node_id=~"(?i).*sink.*"})',
            "{{service}} max"),
           ('avg by (service) (kafka_stream_processor_node_record_e2e_latency_avg{processor_node_id=~"(?i).*sink.*"})',
            "{{service}} avg")], unit="ms"),
    panel("Prediction latency p99", "Request (or stream batch) to decision, per pipeline and mode.",
          [(f"histogram_quantile(0.99, sum by (pipeline, mode, le) (rate(flywheel_inference_latency_seconds_bucket{{{P}}}[{RATE}])))",
            "{{pipeline}} {{mode}} p99")], unit="s"),
    panel("Services up", "1 when Prometheus scraped the service's /q/metrics.",
          [('up{job="flywheel"}', "{{service}}")], kind="stat", width=24),
])

MODEL = build("flywheel-model-performance", "Flywheel / Model performance",
              "Live quality of each model version on its joined outcomes, traffic and latency.", [
    panel("Live quality per version", "The monitor's live metrics over the latest outcomes of each version; "
          "the dashed floor is the spec's monitoring.accuracy.minimum.",
          [(f"flywheel_monitor_quality{{{P}}}", "{{pipeline}} {{model_version}} {{metric}}"),
           (f"flywheel:quality_minimum{{{P}}}", "{{pipeline}} floor ({{metric}})")], unit="none"),
    panel("Outcomes joined per second", "Predictions joined with their labels, by version.",
          [(f"sum by (pipeline, model_version) (rate(flywheel_monitor_outcomes_total{{{P}}}[{RATE}]))",
            "{{pipeline}} {{model_version}}")], unit="reqps"),
    panel("Predictions per second", "Predictions served by version and mode (single, batch, stream).",
          [(f"sum by (pipeline, model_version, mode) (rate(flywheel_inference_predictions_total{{{P}}}[{RATE}]))",
            "{{pipeline}} {{model_version}} {{mode}}")], unit="reqps"),
    panel("Prediction latency percentiles", "p50, p95 and p99 from the latency histogram, all modes.",
          [(f"histogram_quantile({q}, sum by (pipeline, le) (rate(flywheel_inference_latency_seconds_bucket{{{P}}}[{RATE}])))",
            "{{pipeline}} p" + name) for q, name in (("0.5", "50"), ("0.95", "95"), ("0.99", "99"))], unit="s"),
    panel("Predictions logged", "Predictions written to flywheel.<p>.predictions, ok or failed.",
          [(f"sum by (pipeline, outcome) (rate(flywheel_inference_predictions_published_total{{{P}}}[{RATE}]))",
            "{{pipeline}} {{outcome}}")], unit="reqps"),
    panel("Stream records skipped", "Feature vectors the stream scorer skipped, by reason (e.g. no model yet).",
          [(f"sum by (pipeline, reason) (rate(flywheel_inference_stream_skipped_total{{{P}}}[{RATE}]))",
            "{{pipeline}} {{reason}}")], unit="reqps"),
    panel("Model swaps and load failures", "Hot swaps to a promoted version, and promotions that could not be loaded.",
          [(f"sum by (pipeline) (increase(flywheel_inference_model_swaps_total{{{P}}}[1h]))", "{{pipeline}} swaps"),
           (f"sum by (pipeline) (increase(flywheel_inference_model_load_failures_total{{{P}}}[1h]))",
            "{{pipeline}} load failures")], width=24),
    panel("Value per day", "Money per day of each version's decisions over its latest outcomes, by the spec's "
          "business costs: realised (the served decisions), rule (the model.baseline rule on the same outcomes), "
          "shadow_realised (a challenger's shadow decisions on them), and expected (its training run's held-out "
          "figure). Pipelines with a business section only.",
          [(f'flywheel_monitor_value_per_day{{{P},kind=~"realised|rule|shadow_realised"}}',
            "{{pipeline}} {{model_version}} {{kind}}"),
           (f'flywheel_monitor_value_per_day{{{P},kind="expected"}}', "{{pipeline}} {{model_version}} expected")],
          unit="short"),
    panel("Business goals", "Each goal of the spec's business section: 1 met, 0 at risk, -1 missed (no point while "
          "not measured yet). A slip is also posted to the monitor's webhooks.",
          [(f"flywheel_monitor_goal_status{{{P}}}", "{{pipeline}} {{metric}} by {{by}}")], unit="none"),
])

DRIFT = build("flywheel-drift", "Flywheel / Drift",
              "Drift verdicts, per-feature statistics against the training reference, detector state, and the "
              "retrains and promotions that follow (as annotations).", [
    panel("Drift verdicts", "DriftDetected events raised by the monitor, by kind (accuracy, data, concept).",
          [(f"sum by (pipeline, kind) (increase(flywheel_monitor_drift_detected_total{{{P}}}[1h]))",
            "{{pipeline}} {{kind}}")]),
    panel("Per-feature PSI", "Population stability index of each feature, and of the model's score, over the latest "
          "predictions of the served version against its training reference (0.25 and above: shifted).",
          [(f"flywheel_monitor_data_drift_psi{{{P}}}", "{{pipeline}} {{feature}}"),
           (f"flywheel_monitor_prediction_drift_psi{{{P}}}", "{{pipeline}} score")], unit="none"),
    panel("Per-feature drift statistic", "The statistic of each feature's test (KS, chi-square, Wasserstein, "
          "Jensen-Shannon) against the training reference, and the score's.",
          [(f"flywheel_monitor_data_drift_statistic{{{P}}}", "{{pipeline}} {{feature}} {{test}}"),
           (f"flywheel_monitor_prediction_drift_statistic{{{P}}}", "{{pipeline}} score {{test}}")], unit="none"),
    panel("Drifted share of features", "Share of features whose test says drift (dataset drift at the spec's "
          "monitoring.data.driftShare, 50 % by default).",
          [(f"flywheel_monitor_data_drift_share{{{P}}}", "{{pipeline}}")], unit="percentunit"),
    panel("Concept-drift detector state", "0 stable, 1 warning (DDM), 2 drift: the served version's detector "
          "alarmed (until a new version is served).",
          [(f"flywheel_monitor_detector_state{{{P}}}", "{{pipeline}} {{detector}}")], unit="none"),
    panel("Retraining decisions", "What training decided on each drift verdict (retrain, cooldown, ...).",
          [(f"sum by (pipeline, decision) (increase(flywheel_training_drift_decisions_total{{{P}}}[1h]))",
            "{{pipeline}} {{decision}}")]),
    panel("Training runs", "Training runs finished by trigger and status.",
          [(f"sum by (pipeline, trigger, status) (increase(flywheel_training_runs_total{{{P}}}[1h]))",
            "{{pipeline}} {{trigger}} {{status}}")], width=24),
], annotations=[
    {"name": "Drift", "iconColor": "red", "titleFormat": "drift ({{kind}})", "textFormat": "{{pipeline}}",
     "expr": appeared_or_changed("flywheel_monitor_drift_detected_total", "pipeline, kind")},
    {"name": "Retrains", "iconColor": "orange", "titleFormat": "training run {{status}}", "textFormat": "{{pipeline}} {{trigger}}",
     "expr": appeared_or_changed("flywheel_training_runs_total", "pipeline, trigger, status")},
    {"name": "Promotions", "iconColor": "green", "titleFormat": "new model served", "textFormat": "{{pipeline}}",
     "expr": appeared_or_changed("flywheel_inference_model_swaps_total", "pipeline")},
])

QUALITY = build("flywheel-data-quality", "Flywheel / Data quality",
                "What validation refuses, by rule and field, and how the pull sources fare.", [
    panel("Validation failures by rule", "Violations per second by rule (min, max, required, pattern, ...).",
          [(f"sum by (pipeline, kind, rule) (rate(flywheel_ingest_violations_total{{{P}}}[{RATE}]))",
            "{{pipeline}} {{kind}} {{rule}}")], unit="reqps"),
    panel("Validation failures by field", "Violations per second by field (`<undeclared>` for unknown fields).",
          [(f"sum by (pipeline, kind, field) (rate(flywheel_ingest_violations_total{{{P}}}[{RATE}]))",
            "{{pipeline}} {{kind}} {{field}}")], unit="reqps"),
    panel("Top failing rules", "Most frequent (field, rule) violations over the dashboard's time range.",
          [(f"topk(10, sum by (pipeline, field, rule) (increase(flywheel_ingest_violations_total{{{P}}}[$__range])))",
            "{{pipeline}} {{field}} {{rule}}")], kind="bargauge"),
    panel("Reject ratio by source", "Share of records refused, per source (http, upload, raw topic, pull source).",
          [(f'sum by (pipeline, source) (rate(flywheel_ingest_records_total{{{P},outcome="rejected"}}[{RATE}]))'
            f" / sum by (pipeline, source) (rate(flywheel_ingest_records_total{{{P}}}[{RATE}]))",
            "{{pipeline}} {{source}}")], unit="percentunit"),
    panel("Duplicates", "Records dropped as duplicates of an event id already accepted.",
          [(f"sum by (pipeline) (rate(flywheel_ingest_duplicates_total{{{P}}}[{RATE}]))", "{{pipeline}}")],
          unit="reqps"),
    panel("Pull sources", "Records read, accepted and rejected per pull source (JDBC, REST API, web page).",
          [(f"sum by (pipeline, source, outcome) (rate(flywheel_ingest_source_records_total{{{P}}}[{RATE}]))",
            "{{pipeline}} {{source}} {{outcome}}")], unit="reqps"),
    panel("Pull source health", "Consecutive failed polls, and seconds since the last successful poll.",
          [(f"max by (pipeline, source) (flywheel_ingest_source_consecutive_failures{{{P}}})",
            "{{pipeline}} {{source}} failures"),
           (f"time() - max by (pipeline, source) (flywheel_ingest_source_last_success_seconds{{{P}}})",
            "{{pipeline}} {{source}} seconds since success")], width=24),
])

if __name__ == "__main__":
    for name, dashboard in (("overview", OVERVIEW), ("model-performance", MODEL), ("drift", DRIFT),
                            ("data-quality", QUALITY)):
        with open(os.path.join(HERE, "dashboards", name + ".json"), "w") as out:
            json.dump(dashboard, out, indent=2)
            out.write("\n")

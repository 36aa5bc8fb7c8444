package dev.flywheel.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every PromQL expression of {@code deploy/}: the alert and recording rules, and the dashboards' panel queries
 * and annotations (Grafana's variables replaced by values Prometheus accepts), each with where it comes from.
 */
final class PromQueries {

    static final String RULES = "deploy/prometheus/rules/flywheel-alerts.yml";
    static final String DASHBOARDS = "deploy/grafana/dashboards";
    static final String CATALOGUE = "deploy/metrics.yaml";

    /** Metric names as the rules and dashboards spell them: ours, Kafka's binders', recording rules, {@code up}. */
    private static final Pattern METRIC = Pattern.compile("\\b(up|flywheel[a-zA-Z0-9_:]*|kafka_[a-zA-Z0-9_]*)\\b(?![\"'])");

    /**
     * A quoted string (skipped: label values are not selectors), or a selector: a metric name as {@link #METRIC}
     * spells them, with its label matchers if any.
     */
    private static final Pattern SELECTOR = Pattern.compile(
            "\"(?:[^\"\\\\]|\\\\.)*\"|\\b(up|flywheel[a-zA-Z0-9_:]*|kafka_[a-zA-Z0-9_]*)\\b(\\{[^}]*})?");

    /** @param origin e.g. {@code alert FlywheelDriftDetected} or {@code overview.json panel 3 (Consumer lag) A} */
    record Query(String origin, String expr) {

        boolean alert() {
            return origin.startsWith("alert ");
        }
    }

    private PromQueries() {
    }

    static List<Query> rules() {
        List<Query> queries = new ArrayList<>();
        for (Object group : DeployFolder.list(DeployFolder.yaml(RULES).get("groups"), "groups")) {
            for (Object rule : DeployFolder.list(DeployFolder.map(group, "group").get("rules"), "rules")) {
                Map<String, Object> fields = DeployFolder.map(rule, "rule");
                String name = fields.containsKey("alert") ? "alert " + fields.get("alert") : "record " + fields.get("record");
                queries.add(new Query(name, fields.get("expr").toString()));
            }
        }
        return queries;
    }

    static List<Path> dashboardFiles() {
        try (Stream<Path> files = Files.list(DeployFolder.path(DASHBOARDS))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Query> dashboards() {
        List<Query> queries = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = DeployFolder.json(file);
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(new Query(file.getFileName() + " panel " + panel.path("id").asInt() + " ("
                            + panel.path("title").asText() + ") " + target.path("refId").asText(),
                            grafanaVariablesReplaced(target.path("expr").asText())));
                }
            }
            for (JsonNode annotation : dashboard.path("annotations").path("list")) {
                if (annotation.has("expr")) {
                    queries.add(new Query(file.getFileName() + " annotation " + annotation.path("name").asText(),
                            grafanaVariablesReplaced(annotation.path("expr").asText())));
                }
            }
        }
        return queries;
    }

    /** What Grafana would send with every pipeline selected, a 1 m rate interval and a 1 h range. */
    static String grafanaVariablesReplaced(String expr) {
        return expr.replace("$__rate_interval", "1m").replace("$__range", "1h").replace("$pipeline", ".*");
    }

    static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        // Label values in quotes are not metric names.
        Matcher matcher = METRIC.matcher(expr.replaceAll("\"[^\"]*\"", "\"\""));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * The instant-vector selectors of an expression, e.g. {@code flywheel_training_runs_total{status="failed"}} of
     * {@code sum by (pipeline) (increase(flywheel_training_runs_total{status="failed"}[30m])) > 0}: what an alert's
     * condition is computed from, so they must have series even while the condition is false.
     */
    static Set<String> selectors(String expr) {
        Set<String> selectors = new LinkedHashSet<>();
        Matcher matcher = SELECTOR.matcher(expr);
        while (matcher.find()) {
            if (matcher.group(1) != null) {
                selectors.add(matcher.group(1) + (matcher.group(2) == null ? "" : matcher.group(2)));
            }
        }
        return selectors;
    }

    /** The names deploy/metrics.yaml lists, by status. */
    static Map<String, Map<String, Object>> catalogue() {
        Map<String, Map<String, Object>> byName = new java.util.LinkedHashMap<>();
        for (Object entry : DeployFolder.list(DeployFolder.yaml(CATALOGUE).get("metrics"), "metrics")) {
            Map<String, Object> metric = DeployFolder.map(entry, "metric");
            byName.put(metric.get("name").toString(), metric);
        }
        return byName;
    }
}

package dev.flywheel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Grafana dashboards (JSON) and their provisioning: unique uids and panel ids, panels on the 24-column grid,
 * every query against the provisioned data source, every query valid PromQL (promtool parses them as recording
 * rules), and every metric name one that deploy/metrics.yaml lists.
 */
class DashboardsTest {

    private static final Set<String> EXPECTED = Set.of("flywheel-overview", "flywheel-model-performance",
            "flywheel-drift", "flywheel-data-quality");

    @Test
    void dashboardsHaveUniqueIdsAndUseTheProvisionedDataSource() {
        // Given the provisioned data source
        Map<String, Object> provisioning = DeployFolder.yaml("deploy/grafana/provisioning/datasources/prometheus.yml");
        Map<String, Object> source = DeployFolder.map(DeployFolder.list(provisioning.get("datasources"), "datasources")
                .get(0), "datasource");
        String uid = source.get("uid").toString();
        assertThat(source.get("url")).isEqualTo("http://prometheus:9090");

        // When every dashboard is read
        Set<String> uids = new HashSet<>();
        for (Path file : PromQueries.dashboardFiles()) {
            JsonNode dashboard = DeployFolder.json(file);
            // Then its uid is unique, its panels have unique ids, sit on the grid and query that data source
            assertThat(uids.add(dashboard.path("uid").asText())).as("unique uid in " + file).isTrue();
            Set<Integer> ids = new HashSet<>();
            assertThat(dashboard.path("panels")).as(file + " panels").isNotEmpty();
            for (JsonNode panel : dashboard.path("panels")) {
                String where = file.getFileName() + " panel " + panel.path("title").asText();
                assertThat(ids.add(panel.path("id").asInt())).as("unique id: " + where).isTrue();
                JsonNode grid = panel.path("gridPos");
                assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as("grid width: " + where).isBetween(1, 24);
                assertThat(panel.path("datasource").path("uid").asText()).as(where).isEqualTo(uid);
                assertThat(panel.path("targets")).as(where).isNotEmpty();
                Set<String> refIds = new HashSet<>();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("datasource").path("uid").asText()).as(where).isEqualTo(uid);
                    assertThat(target.path("expr").asText()).as(where).isNotBlank();
                    assertThat(refIds.add(target.path("refId").asText())).as("unique refId: " + where).isTrue();
                }
            }
            for (JsonNode annotation : dashboard.path("annotations").path("list")) {
                if (annotation.has("expr")) {
                    assertThat(annotation.path("datasource").path("uid").asText()).isEqualTo(uid);
                }
            }
        }
        assertThat(uids).containsExactlyInAnyOrderElementsOf(EXPECTED);
        // and the provider loads the folder compose mounts them in
        assertThat(DeployFolder.text("deploy/grafana/provisioning/dashboards/flywheel.yml"))
                .contains("path: /var/lib/grafana/dashboards");
    }

    @Test
    void everyDashboardQueryIsValidPromQl(@TempDir Path dir) throws IOException {
        // Given every panel and annotation query as a recording rule
        new CommandLineTool("promtool").require("prometheus");
        List<PromQueries.Query> queries = PromQueries.dashboards();
        assertThat(queries).hasSizeGreaterThan(25);
        List<Map<String, Object>> rules = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("record", "dashboard_query_" + i);
            rule.put("expr", queries.get(i).expr());
            rules.add(rule);
        }
        Path file = dir.resolve("dashboard-queries.yml");
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.writeString(file, new Yaml(options).dump(Map.of("groups",
                List.of(Map.of("name", "dashboards", "rules", rules)))));

        // When promtool checks them
        CommandLineTool.Result result = new CommandLineTool("promtool").run(dir, List.of("check", "rules", file.toString()));

        // Then every one parses
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + queries.size() + " rules found");
    }

    @Test
    void everyMetricNameOfDashboardsAndRulesIsCatalogued() {
        // Given the catalogue
        Set<String> catalogued = PromQueries.catalogue().keySet();

        // When the names of every query are collected
        List<PromQueries.Query> queries = new ArrayList<>(PromQueries.dashboards());
        queries.addAll(PromQueries.rules());

        // Then each one is in the catalogue
        for (PromQueries.Query query : queries) {
            Set<String> names = PromQueries.metricNames(query.expr());
            if (!query.expr().startsWith("vector(")) {
                assertThat(names).as("metric names of " + query.origin()).isNotEmpty();
            }
            assertThat(catalogued).as(query.origin() + " uses " + names).containsAll(names);
        }
    }
}

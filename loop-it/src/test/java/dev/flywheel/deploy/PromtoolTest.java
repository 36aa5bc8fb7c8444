package dev.flywheel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus and Alertmanager files of {@code deploy/} as the real tools judge them: {@code promtool check
 * config}, {@code promtool check rules}, {@code promtool test rules} (a unit test for every alert) and
 * {@code amtool check-config}.
 */
class PromtoolTest {

    private final CommandLineTool promtool = new CommandLineTool("promtool");
    private final CommandLineTool amtool = new CommandLineTool("amtool");

    @Test
    void theLocalPrometheusConfigAndItsRulesAreValid() {
        // Given promtool from the Debian package
        promtool.require("prometheus");

        // When it checks the config of ./flywheel demo (which loads the rules)
        CommandLineTool.Result result = promtool.run(DeployFolder.path("deploy/prometheus"),
                List.of("check", "config", "prometheus.yml"));

        // Then config and rules are valid, and the rules were found
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 1 rule files found").contains("rules found");
    }

    @Test
    void theComposePrometheusConfigIsValid(@TempDir Path dir) throws IOException {
        // Given the compose config with its rules mounted where the container mounts them (here: a copy)
        promtool.require("prometheus");
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.copy(DeployFolder.path(PromQueries.RULES), rules.resolve("flywheel-alerts.yml"));
        String config = DeployFolder.text("deploy/prometheus/prometheus-compose.yml");
        assertThat(config).contains("/etc/prometheus/rules/*.yml");
        Files.writeString(dir.resolve("prometheus.yml"), config.replace("/etc/prometheus/rules", rules.toString()));

        // When promtool checks it
        CommandLineTool.Result result = promtool.run(dir, List.of("check", "config", "prometheus.yml"));

        // Then it is valid and loads the rules
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 1 rule files found");
    }

    @Test
    void everyAlertRuleIsValidAndPassesItsUnitTests() {
        promtool.require("prometheus");
        // Given the rules and their unit tests
        String tests = DeployFolder.text("deploy/prometheus/tests/flywheel-alerts-test.yml");

        // When promtool checks the rules and runs the tests
        CommandLineTool.Result check = promtool.run(DeployFolder.root(), List.of("check", "rules", PromQueries.RULES));
        CommandLineTool.Result unit = promtool.run(DeployFolder.path("deploy/prometheus/tests"),
                List.of("test", "rules", "flywheel-alerts-test.yml"));

        // Then both pass, and every alert has at least one test case of its own
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(unit.exitCode()).as(unit.output()).isZero();
        assertThat(unit.output()).contains("SUCCESS");
        List<String> alerts = PromQueries.rules().stream().map(PromQueries.Query::origin)
                .filter(origin -> origin.startsWith("alert ")).map(origin -> origin.substring("alert ".length())).toList();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(7);
        assertThat(alerts).allSatisfy(alert -> assertThat(tests).as("a test case of " + alert)
                .contains("alertname: " + alert + "\n"));
    }

    @Test
    void theAlertmanagerConfigIsValid() {
        // Given amtool from the Debian package
        amtool.require("prometheus-alertmanager");

        // When it checks the config
        CommandLineTool.Result result = amtool.run(DeployFolder.path("deploy/alertmanager"),
                List.of("check-config", "alertmanager.yml"));

        // Then it is valid with its receiver
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS").contains("1 receivers");
    }
}

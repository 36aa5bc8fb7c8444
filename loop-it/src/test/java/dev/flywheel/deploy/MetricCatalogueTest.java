package dev.flywheel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.PipelineSpecs;

/**
 * deploy/metrics.yaml against the code: every {@code exported} Flywheel meter is registered by its service under
 * that name (Micrometer's dotted or underscored spelling), and the policy floors the rules record are the
 * pipelines' own {@code monitoring.accuracy.minimum}.
 */
class MetricCatalogueTest {

    @Test
    void everyExportedFlywheelMetricIsRegisteredByItsService() {
        for (Map<String, Object> metric : PromQueries.catalogue().values()) {
            String name = metric.get("name").toString();
            if (!"exported".equals(metric.get("status")) || !name.startsWith("flywheel_")) {
                continue;
            }
            // Given the meter's name as the code registers it (Prometheus adds _total, _seconds, _bucket)
            String meter = name.replaceAll("(_seconds)?_bucket$", "").replaceAll("_total$", "");
            String service = metric.get("service").toString();

            // When the service's main code is read
            String code = mainCode(DeployFolder.path(service + "/src/main/java"));

            // Then it registers the meter
            assertThat(code.contains("\"" + meter + "\"") || code.contains("\"" + meter.replace('_', '.') + "\""))
                    .as(service + " registers " + meter + " (catalogued as " + name + ")").isTrue();
        }
    }

    @Test
    void theRecordedQualityFloorsAreThoseOfThePipelineSpecs() {
        // Given the specs of pipelines/
        Map<String, PipelineSpec> specs = PipelineSpecs.loadDirectory(DeployFolder.path("pipelines"));

        // When the recording rules of flywheel:quality_minimum are read
        Map<String, Map<String, Object>> recorded = PromQueries.rules().stream()
                .filter(q -> q.origin().equals("record flywheel:quality_minimum")).findAny().stream()
                .flatMap(q -> qualityFloorRules())
                .collect(Collectors.toMap(rule -> DeployFolder.map(rule.get("labels"), "labels").get("pipeline").toString(),
                        rule -> rule));

        // Then each pipeline with an absolute minimum has one rule with its metric and value
        specs.values().stream().filter(spec -> spec.monitoring().accuracy().minimum().isPresent()).forEach(spec -> {
            Map<String, Object> rule = recorded.get(spec.name());
            assertThat(rule).as("flywheel:quality_minimum for " + spec.name()).isNotNull();
            assertThat(DeployFolder.map(rule.get("labels"), "labels").get("metric"))
                    .isEqualTo(spec.monitoring().accuracy().metric().keyword());
            assertThat(rule.get("expr")).isEqualTo("vector(" + spec.monitoring().accuracy().minimum().getAsDouble() + ")");
        });
        assertThat(recorded).isNotEmpty();
    }

    private static Stream<Map<String, Object>> qualityFloorRules() {
        return DeployFolder.list(DeployFolder.yaml(PromQueries.RULES).get("groups"), "groups").stream()
                .flatMap(group -> DeployFolder.list(DeployFolder.map(group, "group").get("rules"), "rules").stream())
                .map(rule -> DeployFolder.map(rule, "rule"))
                .filter(rule -> "flywheel:quality_minimum".equals(rule.get("record")));
    }

    private static String mainCode(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

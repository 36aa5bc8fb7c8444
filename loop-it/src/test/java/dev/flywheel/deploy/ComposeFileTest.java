package dev.flywheel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * deploy/docker-compose.yml and the Dockerfiles, checked without a Docker engine (none runs here): the five
 * services, each built from its own Dockerfile (Temurin 17 JRE, fast-jar, non-root, readiness health check) on
 * the port its application.properties and Prometheus use; every host name a config points at is a compose
 * service; every volume is declared and every mounted file exists.
 */
class ComposeFileTest {

    static final Map<String, Integer> SERVICES = Map.of("ingest-service", 8081, "feature-service", 8082,
            "training-service", 8083, "inference-service", 8084, "monitor-service", 8085);
    private static final Pattern HTTP_PORT = Pattern.compile("(?m)^quarkus\\.http\\.port=(\\d+)$");

    private final Map<String, Object> compose = DeployFolder.yaml("deploy/docker-compose.yml");
    private final Map<String, Object> services = DeployFolder.map(compose.get("services"), "services");

    @Test
    void everyServiceIsBuiltFromItsDockerfileAndServesItsOwnPort() {
        assertThat(services).containsKeys("kafka", "prometheus", "alertmanager", "grafana", "webhook");
        SERVICES.forEach((name, port) -> {
            // Given the service's port from its own application.properties
            Matcher configured = HTTP_PORT.matcher(DeployFolder.text(name + "/src/main/resources/application.properties"));
            assertThat(configured.find()).as(name + " sets quarkus.http.port").isTrue();
            assertThat(Integer.parseInt(configured.group(1))).as(name + " port").isEqualTo(port);

            // When its compose entry and its Dockerfile are read
            Map<String, Object> service = DeployFolder.map(services.get(name), name);
            Map<String, Object> build = DeployFolder.map(service.get("build"), name + ".build");
            String dockerfilePath = build.get("dockerfile").toString();
            assertThat(build.get("context")).isEqualTo("..");
            String dockerfile = DeployFolder.text(dockerfilePath);

            // Then the image is the fast-jar of that service on a Temurin 17 JRE, run as a non-root user,
            assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre")
                    .contains("COPY --chown=185:185 " + name + "/target/quarkus-app/lib/ lib/")
                    .contains(name + "/target/quarkus-app/quarkus/ quarkus/")
                    .containsPattern("(?m)^USER 185$")
                    .doesNotContainPattern("(?m)^USER (root|0)$");
            // health-checked on readiness at the port it exposes, which compose publishes and Prometheus scrapes
            assertThat(dockerfile).contains("install -y --no-install-recommends curl")
                    .contains("HEALTHCHECK").contains("curl -fsS -o /dev/null http://127.0.0.1:" + port + "/q/health/ready")
                    .containsPattern("(?m)^EXPOSE " + port + "$").contains("QUARKUS_HTTP_PORT=" + port);
            assertThat(DeployFolder.list(service.get("ports"), name + ".ports")).containsExactly(port + ":" + port);
            assertThat(DeployFolder.text("deploy/prometheus/prometheus-compose.yml"))
                    .contains("'" + name + ":" + port + "'");
            // and it waits for a healthy broker that it reaches by its compose name
            assertThat(DeployFolder.map(service.get("depends_on"), name + ".depends_on")).containsKey("kafka");
            assertThat(DeployFolder.map(service.get("environment"), name + ".environment").get("KAFKA_BOOTSTRAP_SERVERS"))
                    .isEqualTo("kafka:9092");
            assertThat(Files.exists(DeployFolder.root().resolve(dockerfilePath + ".dockerignore")))
                    .as(dockerfilePath + ".dockerignore").isTrue();
        });
    }

    @Test
    void theBrokerIsKraftOnTheOfficialImageWithTheListenerTheServicesUse() {
        Map<String, Object> kafka = DeployFolder.map(services.get("kafka"), "kafka");
        assertThat(kafka.get("image").toString()).startsWith("apache/kafka:");
        Map<String, Object> env = DeployFolder.map(kafka.get("environment"), "kafka.environment");
        assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(env.get("KAFKA_ADVERTISED_LISTENERS").toString()).contains("PLAINTEXT://kafka:9092");
        assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").toString()).isEqualTo("1@kafka:9093");
        assertThat(kafka).containsKey("healthcheck");
    }

    @Test
    void everyAddressInTheMonitoringConfigsIsAComposeServiceOnItsPort() {
        // Prometheus -> Alertmanager, Alertmanager -> webhook, Grafana -> Prometheus
        String prometheus = DeployFolder.text("deploy/prometheus/prometheus-compose.yml");
        assertThat(prometheus).contains("'alertmanager:9093'");
        assertThat(DeployFolder.list(DeployFolder.map(services.get("alertmanager"), "alertmanager").get("ports"), "ports"))
                .containsExactly("9093:9093");

        Map<String, Object> receivers = DeployFolder.map(DeployFolder.list(
                DeployFolder.yaml("deploy/alertmanager/alertmanager.yml").get("receivers"), "receivers").get(0), "receiver");
        URI webhook = URI.create(DeployFolder.map(DeployFolder.list(receivers.get("webhook_configs"), "webhook_configs")
                .get(0), "webhook").get("url").toString());
        assertThat(services).containsKey(webhook.getHost());
        assertThat(DeployFolder.list(DeployFolder.map(services.get(webhook.getHost()), "webhook").get("command"), "command"))
                .contains(Integer.toString(webhook.getPort()));

        URI datasource = URI.create(DeployFolder.map(DeployFolder.list(DeployFolder.yaml(
                "deploy/grafana/provisioning/datasources/prometheus.yml").get("datasources"), "datasources").get(0),
                "datasource").get("url").toString());
        assertThat(services).containsKey(datasource.getHost());
        assertThat(DeployFolder.list(DeployFolder.map(services.get(datasource.getHost()), "prometheus").get("ports"), "ports"))
                .containsExactly(datasource.getPort() + ":" + datasource.getPort());
    }

    @Test
    void everyVolumeIsDeclaredAndEveryMountedFileExists() {
        Set<String> declared = DeployFolder.map(compose.get("volumes"), "volumes").keySet();
        services.forEach((name, definition) -> {
            Object volumes = DeployFolder.map(definition, name).get("volumes");
            if (volumes == null) {
                return;
            }
            for (Object volume : DeployFolder.list(volumes, name + ".volumes")) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(DeployFolder.root().resolve("deploy").resolve(source)).as(name + " mounts " + source).exists();
                } else {
                    assertThat(declared).as(name + " uses volume " + source).contains(source);
                }
            }
        });
        // training writes the registry that inference reads: the same volume
        assertThat(DeployFolder.list(DeployFolder.map(services.get("training-service"), "training").get("volumes"), "v"))
                .isEqualTo(DeployFolder.list(DeployFolder.map(services.get("inference-service"), "inference").get("volumes"), "v"));
        assertThat(DeployFolder.text("deploy/docker/training-service.Dockerfile"))
                .contains("FLYWHEEL_REGISTRY_DIR=/var/lib/flywheel/registry");
        assertThat(List.of("training-service", "inference-service")).allSatisfy(name ->
                assertThat(DeployFolder.list(DeployFolder.map(services.get(name), name).get("volumes"), "v"))
                        .contains("registry:/var/lib/flywheel/registry"));
    }
}

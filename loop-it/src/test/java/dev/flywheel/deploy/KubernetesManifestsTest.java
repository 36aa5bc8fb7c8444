package dev.flywheel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.spec.PipelineSpecs;

/**
 * The Kustomize overlays of deploy/k8s rendered by {@code kubectl kustomize} (the test fails if kubectl cannot
 * render them), then checked as data: one KafkaTopic per topic of contracts' {@link Topics} with its retention
 * and compaction, co-partitioned; a Deployment with probes and resources and a Service per service; the HPAs,
 * the registry volume, the ServiceMonitor, and a PrometheusRule equal to deploy/prometheus's rules; every
 * Deployment reads the API clients from the generated Secret, which holds digests and roles only.
 *
 * <p>kubectl comes with the machine here (Google Cloud SDK, kustomize v5). Where it is missing the test fails
 * with a message: Debian's {@code kubernetes-client} (1.20, kustomize v2) predates the {@code labels} and
 * {@code patches} fields these kustomizations use.
 */
class KubernetesManifestsTest {

    /** Partitions the services give the topics they create (PlatformConfig flywheel.topics.partitions). */
    private static final int SERVICE_PARTITIONS = 3;

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theOverlayRendersWithEveryContractTopic(String overlay) {
        // Given the overlay rendered by kubectl
        List<Map<String, Object>> documents = render(overlay);

        // When its KafkaTopics are compared with the contracts' topics of every pipeline in pipelines/
        Map<String, Topic<?, ?>> wanted = new HashMap<>();
        Topics.platform().forEach(topic -> wanted.put(topic.name(), topic));
        PipelineSpecs.loadDirectory(DeployFolder.path("pipelines")).keySet()
                .forEach(pipeline -> Topics.forPipeline(pipeline).forEach(topic -> wanted.put(topic.name(), topic)));
        Map<String, Map<String, Object>> declared = ofKind(documents, "KafkaTopic").stream()
                .collect(Collectors.toMap(t -> spec(t).get("topicName").toString(), t -> t));

        // Then there is exactly one per topic, with the contract's retention and compaction
        assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(wanted.keySet());
        wanted.forEach((name, topic) -> {
            Map<String, Object> config = DeployFolder.map(spec(declared.get(name)).get("config"), name + ".config");
            Map<String, String> asDeclared = config.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString()));
            assertThat(asDeclared).as(name).isEqualTo(topic.configs());
        });
        // and the same partition count everywhere (a pipeline's topics are joined without repartitioning)
        Set<Object> partitions = declared.values().stream().map(t -> spec(t).get("partitions")).collect(Collectors.toSet());
        assertThat(partitions).hasSize(1);
        if (overlay.equals("dev")) {
            assertThat(partitions).containsExactly(SERVICE_PARTITIONS);
        }
        // and no topic asks for more replicas than the cluster has nodes, nor fewer than min.insync.replicas
        int nodes = (Integer) spec(ofKind(documents, "KafkaNodePool").get(0)).get("replicas");
        Map<String, Object> kafkaConfig = DeployFolder.map(DeployFolder.map(spec(single(documents, "Kafka", "flywheel"))
                .get("kafka"), "kafka").get("config"), "config");
        int minInsync = (Integer) kafkaConfig.get("min.insync.replicas");
        declared.values().forEach(t -> assertThat((Integer) spec(t).get("replicas")).isBetween(minInsync, nodes));
        assertThat((Integer) kafkaConfig.get("offsets.topic.replication.factor")).isLessThanOrEqualTo(nodes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasADeploymentWithProbesAndResourcesBehindAService(String overlay) {
        List<Map<String, Object>> documents = render(overlay);
        Map<String, Object> kafka = single(documents, "Kafka", "flywheel");
        assertThat(DeployFolder.map(metadata(kafka).get("annotations"), "annotations"))
                .containsEntry("strimzi.io/kraft", "enabled").containsEntry("strimzi.io/node-pools", "enabled");
        Map<String, Object> pool = ofKind(documents, "KafkaNodePool").get(0);
        assertThat(DeployFolder.map(metadata(pool).get("labels"), "labels")).containsEntry("strimzi.io/cluster", "flywheel");
        assertThat(DeployFolder.list(spec(pool).get("roles"), "roles")).containsExactlyInAnyOrder("controller", "broker");

        ComposeFileTest.SERVICES.forEach((name, port) -> {
            // Given the service's Deployment and Service
            Map<String, Object> deployment = single(documents, "Deployment", name);
            Map<String, Object> service = single(documents, "Service", name);
            Map<String, Object> pod = DeployFolder.map(DeployFolder.map(spec(deployment).get("template"), "template")
                    .get("spec"), "pod");
            Map<String, Object> container = DeployFolder.map(DeployFolder.list(pod.get("containers"), "containers")
                    .get(0), "container");

            // Then the image is the service's, it runs non-root, and it reaches the Strimzi bootstrap service
            assertThat(container.get("image").toString()).startsWith("flywheel/" + name + ":");
            assertThat(DeployFolder.map(pod.get("securityContext"), "securityContext")).containsEntry("runAsNonRoot", true);
            Map<String, Object> env = DeployFolder.list(container.get("env"), "env").stream()
                    .map(e -> DeployFolder.map(e, "env")).filter(e -> e.containsKey("value"))
                    .collect(Collectors.toMap(e -> e.get("name").toString(), e -> e.get("value")));
            assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "flywheel-kafka-bootstrap:9092")
                    .containsEntry("FLYWHEEL_TOPICS_PROVISION", "false");
            // with readiness and liveness probes on the named port, and memory requests equal to limits
            assertThat(probePath(container, "readinessProbe")).isEqualTo("/q/health/ready");
            assertThat(probePath(container, "livenessProbe")).isEqualTo("/q/health/live");
            Map<String, Object> resources = DeployFolder.map(container.get("resources"), "resources");
            assertThat(DeployFolder.map(resources.get("requests"), "requests")).containsKeys("cpu", "memory");
            assertThat(DeployFolder.map(resources.get("limits"), "limits").get("memory"))
                    .isEqualTo(DeployFolder.map(resources.get("requests"), "requests").get("memory"));
            Map<String, Object> containerPort = DeployFolder.map(DeployFolder.list(container.get("ports"), "ports").get(0), "p");
            assertThat(containerPort).containsEntry("name", "http").containsEntry("containerPort", port);
            // and the Service selects its pods on that port
            assertThat(DeployFolder.map(spec(service).get("selector"), "selector"))
                    .containsEntry("app.kubernetes.io/name", name);
            assertThat(DeployFolder.map(DeployFolder.list(spec(service).get("ports"), "ports").get(0), "port"))
                    .containsEntry("port", port).containsEntry("targetPort", "http");
        });

        // The registry volume is shared: training writes it, inference reads it
        single(documents, "PersistentVolumeClaim", "flywheel-registry");
        assertThat(claims(single(documents, "Deployment", "training-service"))).contains("flywheel-registry");
        assertThat(claims(single(documents, "Deployment", "inference-service"))).contains("flywheel-registry");

        // Ingest and inference scale on CPU
        for (String scaled : List.of("ingest-service", "inference-service")) {
            Map<String, Object> hpa = single(documents, "HorizontalPodAutoscaler", scaled);
            assertThat(DeployFolder.map(spec(hpa).get("scaleTargetRef"), "ref")).containsEntry("kind", "Deployment")
                    .containsEntry("name", scaled);
            assertThat((Integer) spec(hpa).get("maxReplicas")).isGreaterThan((Integer) spec(hpa).get("minReplicas"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void prometheusOperatorScrapesEveryServiceAndLoadsTheSameRules(String overlay) {
        List<Map<String, Object>> documents = render(overlay);
        // Given the ServiceMonitor
        Map<String, Object> monitor = single(documents, "ServiceMonitor", "flywheel");
        Map<String, Object> selector = DeployFolder.map(DeployFolder.map(spec(monitor).get("selector"), "selector")
                .get("matchLabels"), "matchLabels");
        String jobLabel = spec(monitor).get("jobLabel").toString();

        // Then it selects all five Services, on their http port, at /q/metrics, with job="flywheel"
        List<Map<String, Object>> selected = ofKind(documents, "Service").stream()
                .filter(s -> DeployFolder.map(metadata(s).get("labels"), "labels").entrySet().containsAll(selector.entrySet()))
                .toList();
        assertThat(selected).extracting(s -> metadata(s).get("name"))
                .containsExactlyInAnyOrderElementsOf(ComposeFileTest.SERVICES.keySet());
        selected.forEach(s -> assertThat(DeployFolder.map(metadata(s).get("labels"), "labels"))
                .containsEntry(jobLabel, "flywheel"));
        assertThat(DeployFolder.map(DeployFolder.list(spec(monitor).get("endpoints"), "endpoints").get(0), "endpoint"))
                .containsEntry("port", "http").containsEntry("path", "/q/metrics");

        // and the PrometheusRule holds exactly the rules promtool checks and tests
        assertThat(spec(single(documents, "PrometheusRule", "flywheel")))
                .isEqualTo(DeployFolder.yaml(PromQueries.RULES));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentReadsTheApiClientsFromTheGeneratedSecret(String overlay) {
        // Given the Secret kustomize generated from deploy/k8s/base/api-keys.env (its name carries a content hash)
        List<Map<String, Object>> documents = render(overlay);
        List<Map<String, Object>> secrets = ofKind(documents, "Secret").stream()
                .filter(s -> metadata(s).get("name").toString().startsWith(API_KEYS_SECRET + "-")).toList();
        assertThat(secrets).as("Secret " + API_KEYS_SECRET + "-<hash>").hasSize(1);
        Map<String, Object> secret = secrets.get(0);
        String secretName = metadata(secret).get("name").toString();

        // Then it holds valid API clients, as digests and roles only, exactly those of the committed env file
        // (kubectl folds long base64 values over lines, which YAML joins with blanks: the MIME decoder skips them)
        Map<String, String> data = DeployFolder.map(secret.get("data"), secretName + ".data").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new String(
                        Base64.getMimeDecoder().decode(e.getValue().toString()), StandardCharsets.UTF_8)));
        Map<String, ComposeFileTest.ApiClient> clients = ComposeFileTest.apiClients(data, secretName);
        assertThat(clients).isEqualTo(ComposeFileTest.apiClients(ComposeFileTest.envVariables(
                DeployFolder.text("deploy/k8s/base/api-keys.env")), "deploy/k8s/base/api-keys.env"));

        // And every service's container takes all of it into its environment, under the hashed name
        ComposeFileTest.SERVICES.keySet().forEach(name -> {
            Map<String, Object> container = container(single(documents, "Deployment", name));
            assertThat(container.get("envFrom")).as(name + " envFrom").isNotNull();
            List<Object> secretRefs = DeployFolder.list(container.get("envFrom"), name + ".envFrom").stream()
                    .map(from -> DeployFolder.map(from, name + ".envFrom[]").get("secretRef"))
                    .filter(Objects::nonNull)
                    .map(ref -> DeployFolder.map(ref, name + ".secretRef").get("name"))
                    .toList();
            assertThat(secretRefs).as(name + " reads the API keys Secret").containsExactly(secretName);
            // and no plain env entry overrides a client or turns authentication off
            assertThat(DeployFolder.list(container.get("env"), name + ".env")).allSatisfy(entry ->
                    assertThat(DeployFolder.map(entry, "env").get("name").toString()).doesNotStartWith("FLYWHEEL_SECURITY_"));
        });
    }

    private static final String API_KEYS_SECRET = "flywheel-api-keys";

    private static Map<String, Object> container(Map<String, Object> deployment) {
        Map<String, Object> pod = DeployFolder.map(DeployFolder.map(spec(deployment).get("template"), "template")
                .get("spec"), "pod");
        return DeployFolder.map(DeployFolder.list(pod.get("containers"), "containers").get(0), "container");
    }

    private static final Map<String, List<Map<String, Object>>> RENDERED = new HashMap<>();

    private static synchronized List<Map<String, Object>> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> {
            CommandLineTool kubectl = new CommandLineTool("kubectl");
            kubectl.require("kubectl (kustomize v5; Debian's kubernetes-client 1.20 is too old)");
            CommandLineTool.Result result = kubectl.run(DeployFolder.root(),
                    List.of("kustomize", "deploy/k8s/overlays/" + o));
            assertThat(result.exitCode()).as("kubectl kustomize " + o + ": " + result.output()).isZero();
            List<Map<String, Object>> documents = DeployFolder.yamlDocuments(result.output());
            String namespace = o.equals("prod") ? "flywheel" : "flywheel-dev";
            documents.forEach(d -> assertThat(metadata(d).get("namespace")).as(metadata(d).get("name") + " namespace")
                    .isEqualTo(namespace));
            return documents;
        });
    }

    private static List<Map<String, Object>> ofKind(List<Map<String, Object>> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private static Map<String, Object> single(List<Map<String, Object>> documents, String kind, String name) {
        List<Map<String, Object>> found = ofKind(documents, kind).stream()
                .filter(d -> name.equals(metadata(d).get("name"))).toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.get(0);
    }

    private static Map<String, Object> metadata(Map<String, Object> document) {
        return DeployFolder.map(document.get("metadata"), "metadata");
    }

    private static Map<String, Object> spec(Map<String, Object> document) {
        return DeployFolder.map(document.get("spec"), metadata(document).get("name") + ".spec");
    }

    private static String probePath(Map<String, Object> container, String probe) {
        Map<String, Object> httpGet = DeployFolder.map(DeployFolder.map(container.get(probe), probe).get("httpGet"), "httpGet");
        assertThat(httpGet.get("port")).isEqualTo("http");
        return httpGet.get("path").toString();
    }

    private static List<String> claims(Map<String, Object> deployment) {
        Map<String, Object> pod = DeployFolder.map(DeployFolder.map(spec(deployment).get("template"), "t").get("spec"), "p");
        List<String> claims = new ArrayList<>();
        for (Object volume : DeployFolder.list(Optional.ofNullable(pod.get("volumes")).orElse(List.of()), "volumes")) {
            Object claim = DeployFolder.map(volume, "volume").get("persistentVolumeClaim");
            if (claim != null) {
                claims.add(Objects.toString(DeployFolder.map(claim, "claim").get("claimName")));
            }
        }
        return claims;
    }
}

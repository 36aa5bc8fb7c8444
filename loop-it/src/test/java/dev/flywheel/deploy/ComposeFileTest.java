package dev.flywheel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/docker-compose.yml and the Dockerfiles, checked without a Docker engine (none runs here): the five
 * services, each built from its own Dockerfile (Temurin 17 JRE, fast-jar, non-root, readiness health check) on
 * the port its application.properties and Prometheus use; every host name a config points at is a compose
 * service; every volume is declared and every mounted file exists; every service reads the API clients that
 * deploy/api-keys.sh makes (digests and roles), and that script's digests are those of the keys it hands out.
 */
class ComposeFileTest {

    static final Map<String, Integer> SERVICES = Map.of("ingest-service", 8081, "feature-service", 8082,
            "training-service", 8083, "inference-service", 8084, "monitor-service", 8085);
    private static final Pattern HTTP_PORT = Pattern.compile("(?m)^quarkus\\.http\\.port=(\\d+)$");
    /** The roles of dev.flywheel.runtime.security.Roles (service-runtime is not on this module's class path). */
    static final Set<String> ROLES = Set.of("ingest", "predict", "admin", "read");
    /** How PlatformConfig's flywheel.security.api-keys.<client>.key-sha256 / .roles look as environment variables. */
    private static final Pattern CLIENT_VARIABLE =
            Pattern.compile("FLYWHEEL_SECURITY_API_KEYS_([A-Z0-9]+)_(KEY_SHA256|ROLES)");
    static final String API_KEYS_FILE = "./api-keys.env";

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

    @Test
    void everyServiceReadsTheApiKeysFileThatTheScriptMakesAndGitIgnores() {
        SERVICES.keySet().forEach(name -> {
            // Given the service's compose entry (with the x-service anchor merged in)
            Map<String, Object> service = DeployFolder.map(services.get(name), name);

            // Then it must read the API keys file, and compose refuses to start it when the file is missing
            assertThat(service.get("env_file")).as(name + " env_file").isNotNull();
            assertThat(DeployFolder.list(service.get("env_file"), name + ".env_file"))
                    .as(name + " reads " + API_KEYS_FILE + " as a required env file")
                    .contains(Map.of("path", API_KEYS_FILE, "required", true));
            // and nothing turns authentication off or puts a key in the compose file
            Map<String, Object> env = DeployFolder.map(service.get("environment"), name + ".environment");
            assertThat(env).as(name + " environment").doesNotContainKey("FLYWHEEL_SECURITY_ENABLED")
                    .allSatisfy((variable, value) -> assertThat(variable).doesNotStartWith("FLYWHEEL_SECURITY_"));
        });
        // The file holds nothing to commit and the keys file a secret: both are git-ignored, and made by the script
        assertThat(DeployFolder.text("deploy/.gitignore").lines()).contains("/api-keys.env", "*.keys");
        assertThat(Files.isExecutable(DeployFolder.path("deploy/api-keys.sh"))).as("deploy/api-keys.sh executable").isTrue();
        assertThat(DeployFolder.text("deploy/docker-compose.yml")).contains("deploy/api-keys.sh");
    }

    @Test
    void theScriptsDigestsAreThoseOfTheKeysItHandsOutWithValidRoles(@TempDir Path dir) throws IOException {
        // Given the key script run as an operator runs it
        Path envFile = dir.resolve("api-keys.env");
        CommandLineTool.Result made = new CommandLineTool("bash").run(DeployFolder.root(),
                List.of("deploy/api-keys.sh", envFile.toString()));
        assertThat(made.exitCode()).as(made.output()).isZero();

        // When its env file and its keys file are read
        String envText = Files.readString(envFile);
        Map<String, ApiClient> clients = apiClients(envVariables(envText), envFile.toString());
        Map<String, String> keys = envVariables(Files.readString(dir.resolve("api-keys.keys")));

        // Then every client the services will know has its key, whose SHA-256 is the digest the services get
        assertThat(keys.keySet().stream().map(client -> client.toUpperCase(Locale.ROOT)))
                .containsExactlyInAnyOrderElementsOf(clients.keySet());
        keys.forEach((client, key) -> {
            assertThat(key).as(client + "'s key").hasSizeGreaterThanOrEqualTo(16).matches("[0-9a-f]+");
            assertThat(clients.get(client.toUpperCase(Locale.ROOT)).digest()).isEqualTo(sha256(key));
            assertThat(envText).as("the env file holds no key").doesNotContain(key);
        });
        // with the roles the services accept, one client for each role
        assertThat(clients.values().stream().flatMap(client -> client.roles().stream()).collect(Collectors.toSet()))
                .isEqualTo(ROLES);
        // and only the owner may read the keys
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("api-keys.keys"))))
                .isEqualTo("rw-------");

        // And a second run keeps the keys it made unless told otherwise
        CommandLineTool.Result again = new CommandLineTool("bash").run(DeployFolder.root(),
                List.of("deploy/api-keys.sh", envFile.toString()));
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.output()).contains("exists; keeping it");
        assertThat(Files.readString(envFile)).isEqualTo(envText);
    }

    /** A client of {@code flywheel.security.api-keys} as the environment gives it: the key's digest and the roles. */
    record ApiClient(String digest, Set<String> roles) {
    }

    /**
     * The API clients that environment variables give a service, checked as ApiKeys checks them at start (every
     * client with a 64-hex-digit digest and known roles, no two with the same digest) and, beyond that, with
     * digests only: a plain {@code _KEY} variable fails.
     */
    static Map<String, ApiClient> apiClients(Map<String, String> variables, String where) {
        Map<String, String> digests = new TreeMap<>();
        Map<String, Set<String>> roles = new TreeMap<>();
        variables.forEach((name, value) -> {
            Matcher variable = CLIENT_VARIABLE.matcher(name);
            assertThat(variable.matches()).as(where + ": " + name + " is not FLYWHEEL_SECURITY_API_KEYS_<CLIENT>_"
                    + "KEY_SHA256 or _ROLES (a plain _KEY would put a usable secret in the configuration)").isTrue();
            if (variable.group(2).equals("KEY_SHA256")) {
                assertThat(value).as(where + ": " + name).matches("[0-9a-f]{64}");
                digests.put(variable.group(1), value);
            } else {
                Set<String> given = Set.of(value.split(","));
                assertThat(ROLES).as(where + ": " + name + " = " + value).containsAll(given);
                roles.put(variable.group(1), given);
            }
        });
        assertThat(digests).as(where + ": API clients").isNotEmpty();
        assertThat(roles.keySet()).as(where + ": every client has a digest and roles").isEqualTo(digests.keySet());
        assertThat(Set.copyOf(digests.values())).as(where + ": one digest per client").hasSameSizeAs(digests.values());
        Map<String, ApiClient> clients = new LinkedHashMap<>();
        digests.forEach((client, digest) -> clients.put(client, new ApiClient(digest, roles.get(client))));
        return clients;
    }

    /** The {@code NAME=value} lines of an env file (compose's env_file, kustomize's secretGenerator envs). */
    static Map<String, String> envVariables(String text) {
        Map<String, String> variables = new HashMap<>();
        text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(line -> {
            int equals = line.indexOf('=');
            assertThat(equals).as("env line without '=': " + line.replaceAll("=.*", "")).isPositive();
            variables.put(line.substring(0, equals), line.substring(equals + 1));
        });
        return variables;
    }

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

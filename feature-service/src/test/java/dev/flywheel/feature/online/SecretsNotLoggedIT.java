package dev.flywheel.feature.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.flywheel.kafka.local.KafkaBroker;

/**
 * Secrets never reach the log: a feature-service process (Kafka Streams, plain admin and producer clients, the
 * HTTP layer with its access log) gets an API key and a SASL password from its environment, is called with the
 * key, with a wrong key that contains the real one, and without a key, and is stopped; its whole output, start to
 * shutdown, is then searched for both secrets and the key's digest. The SASL settings are planted next to a
 * PLAINTEXT listener (which ignores them), so the service runs against the test broker while every Kafka client
 * still prints its settings; the log showing the planted mechanism proves the settings were there to leak.
 */
class SecretsNotLoggedIT {

    private static final String PIPELINE = "card-fraud";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void neitherTheApiKeyNorTheSaslPasswordAppearsAnywhereInTheLog() throws Exception {
        // Given secrets that occur nowhere else
        String apiKey = "planted-api-key-" + UUID.randomUUID();
        String saslPassword = "planted-sasl-password-" + UUID.randomUUID();
        String keyDigest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        Map<String, String> environment = Map.of(
                "FLYWHEEL_SECURITY_API_KEYS_OPS_KEY", apiKey,
                "FLYWHEEL_SECURITY_API_KEYS_OPS_ROLES", "read",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"flywheel\" password=\"" + saslPassword + "\";");

        // And a service that logs more than it would in production
        KafkaBroker broker = KafkaBroker.shared();
        Path module = Path.of("").toAbsolutePath();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path workDir = Files.createDirectories(module.resolve("target/secrets-it-" + run));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", broker.bootstrapServers());
        properties.put("quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers());
        properties.put("quarkus.kafka-streams.application-id", "feature-service-secrets-it-" + run);
        properties.put("flywheel.pipelines-dir", module.resolveSibling("pipelines").toString());
        properties.put("quarkus.http.access-log.enabled", "true");
        properties.put("quarkus.log.category.\"dev.flywheel\".level", "DEBUG");
        properties.put("quarkus.log.category.\"io.quarkus.security\".level", "DEBUG");
        properties.put("quarkus.log.category.\"io.quarkus.vertx.http.runtime.security\".level", "DEBUG");
        properties.put("quarkus.log.category.\"io.smallrye.config\".level", "DEBUG");
        // Quarkus quiets Kafka's dump of every client's settings; an operator debugging a connection turns it on.
        properties.put("quarkus.log.category.\"org.apache.kafka.common.config\".level", "INFO");
        Path log = workDir.resolve("service.log");

        // When it starts, is called with the key, a wrong key holding the real one, and none, and stops
        FeatureServiceProcess service = FeatureServiceProcess.start(module, "secrets", properties, environment,
                workDir, log);
        int withKey;
        int withWrongKey;
        int withoutKey;
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(service::ready);
            withKey = status(service.uri("/v1/pipelines"), "X-API-Key", apiKey);
            withWrongKey = status(service.uri("/v1/pipelines/" + PIPELINE + "/stats"),
                    "Authorization", "Bearer " + apiKey + "-wrong");
            withoutKey = status(service.uri("/v1/pipelines/" + PIPELINE + "/stats"));
        } finally {
            service.close();
        }

        // Then the calls were judged by the planted key
        assertThat(withKey).isEqualTo(200);
        assertThat(withWrongKey).isEqualTo(401);
        assertThat(withoutKey).isEqualTo(401);

        // And the log shows the settings were in use: the client, its role, the Kafka clients' SASL mechanism
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(output).containsPattern("HTTP authentication is on: \\d+ API clients \\[.*ops\\[read\\]")
                .contains("StreamsConfig values")
                .contains("sasl.mechanism = SCRAM-SHA-512")
                .contains("sasl.jaas.config = [hidden]")
                .contains("/v1/pipelines");

        // And nowhere, from start to shutdown, is either secret or the key's digest
        assertThat(output).doesNotContain(apiKey).doesNotContain(saslPassword).doesNotContain(keyDigest);
    }

    /** Sends only the given headers (FeatureServiceProcess.get adds the test's own key). */
    private static int status(URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

package dev.flywheel.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.kafka.local.BrokerOptions;
import dev.flywheel.kafka.local.LocalKafkaBroker;
import dev.flywheel.kafka.local.LoopbackCertificate;
import dev.flywheel.kafka.local.SaslListener;

/**
 * Issue #11 against a broker that checks: ingest-service, run from its packaged fast-jar as an operator runs it,
 * connects to a real KRaft broker's SASL_SSL listener (SCRAM-SHA-512, a self-signed certificate for 127.0.0.1
 * that the service's trust store holds) with nothing but the {@code kafka.security.protocol},
 * {@code kafka.sasl.*} and {@code kafka.ssl.truststore.*} settings. With the right password it creates its
 * topics, reports ready (the Kafka health check's admin client logs in too) and an event posted over HTTP lands
 * on the pipeline's events topic; with a wrong password the broker refuses it, the service does not start and
 * says why. Neither password nor the trust store's password appears in the service's log.
 */
class KafkaSaslIT {

    private static final String PIPELINE = "card-fraud";
    private static final String USER = "ingest-service";
    private static final String PASSWORD = "scram-password-8a41c7e2";
    private static final String WRONG_PASSWORD = "not-the-password-5d0b";
    private static final String STORE_PASSWORD = "truststore-password-93f1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Path repository;
    private static Path work;
    private static LoopbackCertificate certificate;
    private static SaslListener sasl;
    private static LocalKafkaBroker broker;

    @BeforeAll
    static void startABrokerWithASaslSslListener() throws IOException {
        repository = Path.of(System.getProperty("flywheel.repository.root", "..")).toAbsolutePath().normalize();
        work = Files.createDirectories(Path.of("target", "sasl-run", Long.toString(System.currentTimeMillis())))
                .toAbsolutePath();
        certificate = LoopbackCertificate.create(work.resolve("tls"), STORE_PASSWORD);
        sasl = SaslListener.scram(Map.of(USER, PASSWORD)).withTls(certificate.keyStore(), certificate.password());
        broker = LocalKafkaBroker.start(BrokerOptions.defaults().withSasl(sasl)
                .withLogFile(work.resolve("kafka.log")).withStartupTimeout(Duration.ofSeconds(90)));
        System.out.printf("sasl: broker with a SASL_SSL listener at %s ready in %d ms%n",
                broker.saslBootstrapServers(), broker.startupTime().toMillis());
    }

    @AfterAll
    static void stopTheBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void withTheRightPasswordAnEventIsAcceptedAndLandsOnTheTopic() throws Exception {
        // Given ingest-service pointed at the SASL_SSL listener with its user's password
        ServiceProcess ingest = ServiceProcess.start(repository, "ingest-service", freePort(),
                serviceSettings(PASSWORD), Files.createDirectories(work.resolve("right")));
        try (ingest) {
            long started = System.nanoTime();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(ingest::ready);
            System.out.printf("sasl: ingest-service ready over SASL_SSL in %d s%n",
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));

            // When an event is posted over HTTP
            String id = "sasl-" + System.nanoTime();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            ingest.uri("/v1/pipelines/" + PIPELINE + "/events"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(batchOf(id)))).build(),
                    HttpResponse.BodyHandlers.ofString());

            // Then the service accepts it
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode answer = Json.mapper().readTree(response.body());
            assertThat(answer.path("accepted").asInt()).as(response.body()).isEqualTo(1);

            // and it is on the pipeline's events topic, read back through the same listener with the same user
            List<ConsumerRecord<String, String>> records = readAll(Topics.events(PIPELINE).name(), id);
            assertThat(records).as("records of " + id + " on " + Topics.events(PIPELINE).name()).hasSize(1);
            assertThat(records.get(0).value()).contains(id);

            // And no secret is in the service's log
            assertThat(Files.readString(ingest.log())).doesNotContain(PASSWORD).doesNotContain(STORE_PASSWORD);
        }
    }

    @Test
    void withAWrongPasswordTheBrokerRefusesTheServiceWhichSaysWhyWithoutTheSecret() throws Exception {
        // Given ingest-service pointed at the same listener with a wrong password
        ServiceProcess ingest = ServiceProcess.start(repository, "ingest-service", freePort(),
                serviceSettings(WRONG_PASSWORD), Files.createDirectories(work.resolve("wrong")));
        try (ingest) {
            // When it starts (creating its topics is its first call to the broker)
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> !ingest.alive());

            // Then it stops, with the broker's refusal in its log, and never reported ready
            String log = Files.readString(ingest.log());
            assertThat(log).contains("Failed to start application")
                    .contains("cannot list or create topics")
                    .contains("SaslAuthenticationException")
                    .contains("invalid credentials with SASL mechanism SCRAM-SHA-512")
                    .doesNotContain("Installed features");
            // and neither the wrong password nor the trust store's is in it
            assertThat(log).doesNotContain(WRONG_PASSWORD).doesNotContain(STORE_PASSWORD);
        }
    }

    /**
     * The service's settings: the pipelines, and the Kafka connection as {@code kafka.*} settings only, as an
     * operator would give them ({@code KAFKA_*} in the environment map to the same keys).
     */
    private static Map<String, String> serviceSettings(String password) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("flywheel.pipelines-dir", repository.resolve("pipelines").toString());
        settings.put("flywheel.registry-dir", work.resolve("registry").toString());
        settings.put("kafka.bootstrap.servers", broker.saslBootstrapServers());
        sasl.clientSettings(USER, password).forEach((key, value) -> settings.put("kafka." + key, value.toString()));
        settings.put("kafka.ssl.truststore.location", certificate.trustStore().toString());
        settings.put("kafka.ssl.truststore.type", "PKCS12");
        settings.put("kafka.ssl.truststore.password", certificate.password());
        // Text logs: the assertions read messages, not JSON-escaped ones.
        settings.put("quarkus.log.console.json.enabled", "false");
        return settings;
    }

    private static ArrayNode batchOf(String id) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("transaction_id", id);
        event.put("tx_datetime", Instant.parse("2018-04-01T00:00:00Z").toString());
        event.put("customer_id", "c1");
        event.put("terminal_id", "t1");
        event.put("tx_amount", 42.5);
        return Json.mapper().createArrayNode().add(event);
    }

    /** The records of {@code topic} whose value mentions {@code id}, read from the start over SASL_SSL. */
    private static List<ConsumerRecord<String, String>> readAll(String topic, String id) {
        Map<String, Object> settings = new HashMap<>(sasl.clientSettings(USER, PASSWORD));
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.saslBootstrapServers());
        settings.put("ssl.truststore.location", certificate.trustStore().toString());
        settings.put("ssl.truststore.type", "PKCS12");
        settings.put("ssl.truststore.password", certificate.password());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.value() != null && record.value().contains(id)) {
                        found.add(record);
                    }
                });
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return found;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

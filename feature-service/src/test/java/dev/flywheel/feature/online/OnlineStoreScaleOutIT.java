package dev.flywheel.feature.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.feature.rest.OwnerClient;
import dev.flywheel.kafka.local.KafkaBroker;

/**
 * Two feature services, each its own process from the packaged jar, sharing the work of one pipeline on a real
 * broker (topics of 4 partitions): each owns some of the entities, and a lookup sent to either returns the same
 * answer for every entity, the other instance's entities by forwarding.
 */
class OnlineStoreScaleOutIT {

    static final String PIPELINE = "card-fraud";
    static final int PARTITIONS = 4;
    static final int ENTITIES = 24;
    static final Duration PATIENCE = Duration.ofSeconds(90);

    static KafkaBroker broker;
    static FeatureServiceProcess first;
    static FeatureServiceProcess second;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        broker = KafkaBroker.shared();
        Path module = Path.of("").toAbsolutePath();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path workDir = Files.createDirectories(module.resolve("target/online-it-" + run));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", broker.bootstrapServers());
        properties.put("quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers());
        // Its own consumer group and internal topics, so nothing of another run on the same broker is restored.
        properties.put("quarkus.kafka-streams.application-id", "feature-service-online-it-" + run);
        properties.put("flywheel.pipelines-dir", module.resolveSibling("pipelines").toString());
        properties.put("flywheel.topics.partitions", String.valueOf(PARTITIONS));
        first = FeatureServiceProcess.start(module, "first", properties, workDir);
        second = FeatureServiceProcess.start(module, "second", properties, workDir);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> first.ready() && second.ready());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void eitherInstanceAnswersForEveryEntityTheOtherOnesByForwarding() throws Exception {
        // Given two payments each of 24 customers at 24 terminals, published once both instances run
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> latestEventOf = new LinkedHashMap<>();
        try (KafkaProducer<String, EventIngested> producer = producer(Topics.events(PIPELINE))) {
            for (int payment = 0; payment < 2; payment++) {
                for (int i = 0; i < ENTITIES; i++) {
                    String id = "tx-" + run + "-" + i + "-" + payment;
                    String customer = "c-" + run + "-" + i;
                    String terminal = "t-" + run + "-" + i;
                    Instant time = t.plus(Duration.ofSeconds(payment * 60L + i));
                    producer.send(new ProducerRecord<>(Topics.events(PIPELINE).name(), id,
                            event(id, time, customer, terminal, 10.0 * (payment + 1))));
                    latestEventOf.put("customer_id/" + customer, id);
                    latestEventOf.put("terminal_id/" + terminal, id);
                }
            }
            producer.flush();
        }

        // When every entity is looked up on both instances, until both answer with its latest payment
        Map<String, String> servedBy = new HashMap<>();
        Map<FeatureServiceProcess, Integer> forwardedFrom = new HashMap<>();
        for (Map.Entry<String, String> entity : latestEventOf.entrySet()) {
            String path = "/v1/pipelines/" + PIPELINE + "/features/" + entity.getKey();
            HttpResponse<String> fromFirst = awaitLatest(first, path, entity.getValue());
            HttpResponse<String> fromSecond = awaitLatest(second, path, entity.getValue());

            // Then both answers are the same, and name the same instance as the one whose store answered
            assertThat(Json.mapper().readTree(fromSecond.body())).as(entity.getKey())
                    .isEqualTo(Json.mapper().readTree(fromFirst.body()));
            String owner = fromFirst.headers().firstValue(OwnerClient.SERVED_BY_HEADER).orElseThrow();
            assertThat(fromSecond.headers().firstValue(OwnerClient.SERVED_BY_HEADER)).contains(owner);
            servedBy.put(entity.getKey(), owner);
            forwardedFrom.merge(owner.equals(first.address()) ? second : first, 1, Integer::sum);
        }

        // And the entities are split between the two instances, each forwarding the other's
        assertThat(servedBy.values()).contains(first.address(), second.address());
        assertThat(forwardedFrom.get(first)).as("lookups sent to the first and forwarded").isPositive();
        assertThat(forwardedFrom.get(second)).as("lookups sent to the second and forwarded").isPositive();

        // And the merged vector of a customer and a terminal is the same from either instance
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < ENTITIES; i++) {
            pairs.add("?customer_id=c-" + run + "-" + i + "&terminal_id=t-" + run + "-" + i);
        }
        for (String query : pairs) {
            HttpResponse<String> a = first.get("/v1/pipelines/" + PIPELINE + "/features" + query);
            HttpResponse<String> b = second.get("/v1/pipelines/" + PIPELINE + "/features" + query);
            assertThat(a.statusCode()).as(query).isEqualTo(200);
            JsonNode merged = Json.mapper().readTree(a.body());
            assertThat(Json.mapper().readTree(b.body())).as(query).isEqualTo(merged);
            assertThat(merged.get("features").size()).as(query).isEqualTo(12);
            assertThat(merged.get("missing").size()).as(query).isZero();
        }

        // And a forwarded lookup that reaches an instance not owning the entity is refused, never forwarded again
        String ownedByFirst = servedBy.entrySet().stream().filter(e -> e.getValue().equals(first.address()))
                .findFirst().orElseThrow().getKey();
        HttpResponse<String> misrouted = second.get("/v1/pipelines/" + PIPELINE + "/features/" + ownedByFirst,
                OwnerClient.FORWARDED_HEADER, "127.0.0.1:1");
        assertThat(misrouted.statusCode()).isEqualTo(503);
        assertThat(misrouted.headers().firstValue("Retry-After")).contains("1");
        assertThat(misrouted.body()).contains("ownership is moving").contains(first.address());
    }

    private static HttpResponse<String> awaitLatest(FeatureServiceProcess instance, String path, String eventId) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> instance.get(path), response -> response.statusCode() == 200
                        && eventId.equals(eventIdOf(response)));
    }

    private static String eventIdOf(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body()).path("eventId").asText();
        } catch (IOException notJson) {
            throw new AssertionError("not JSON: " + response.body(), notJson);
        }
    }

    private static EventIngested event(String id, Instant time, String customer, String terminal, double amount) {
        ObjectNode payload = Json.mapper().createObjectNode()
                .put("transaction_id", id).put("tx_datetime", time.toString())
                .put("customer_id", customer).put("terminal_id", terminal).put("tx_amount", amount);
        return EventIngested.of(id, PIPELINE, time, Instant.now(), "test", payload);
    }

    private static <V> KafkaProducer<String, V> producer(Topic<String, V> topic) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }
}

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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.feature.rest.OwnerClient;
import dev.flywheel.kafka.local.KafkaBroker;

/**
 * Two feature services, each its own process from the packaged jar, sharing the work of one pipeline on a real
 * broker (topics of 4 partitions): each owns some of the entities, and a lookup sent to either returns the same
 * answer for every entity, the other instance's entities by forwarding. Then one of them is killed: the survivor
 * takes over its entities with their state restored from the changelogs, goes on counting from it, and once the
 * killed one is back without its state folder both answer alike again. The failover test runs last, since it kills
 * and restarts the second instance.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnlineStoreScaleOutIT {

    static final String PIPELINE = "card-fraud";
    static final int PARTITIONS = 4;
    static final int ENTITIES = 24;
    static final Duration PATIENCE = Duration.ofSeconds(90);

    /** Well above the 10 s session timeout, restores and the restarted JVM's start on the busy machine. */
    static final Duration FAILOVER_PATIENCE = Duration.ofMinutes(2);

    static KafkaBroker broker;
    static Path module;
    static Path workDir;
    static Map<String, String> properties;
    static FeatureServiceProcess first;
    static FeatureServiceProcess second;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        broker = KafkaBroker.shared();
        module = Path.of("").toAbsolutePath();
        String run = UUID.randomUUID().toString().substring(0, 8);
        workDir = Files.createDirectories(module.resolve("target/online-it-" + run));
        properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", broker.bootstrapServers());
        properties.put("quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers());
        // Its own consumer group and internal topics, so nothing of another run on the same broker is restored.
        properties.put("quarkus.kafka-streams.application-id", "feature-service-online-it-" + run);
        properties.put("flywheel.pipelines-dir", module.resolveSibling("pipelines").toString());
        properties.put("flywheel.topics.partitions", String.valueOf(PARTITIONS));
        // A killed instance leaves no group; it is noticed when its session times out, 45 s by default. Quarkus
        // hands every kafka-streams.* property to Kafka Streams, which passes these on to its consumers.
        properties.put("kafka-streams.session.timeout.ms", "10000");
        properties.put("kafka-streams.heartbeat.interval.ms", "2000");
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
    @Order(1)
    void eitherInstanceAnswersForEveryEntityTheOtherOnesByForwarding() throws Exception {
        // Given two payments each of 24 customers at 24 terminals, published once both instances run
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> latestEventOf = publishPayments(run, t, 0, 2);

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

    @Test
    @Order(2)
    void aKilledInstancesEntitiesAreServedByTheSurvivorFromTheChangelogsAndByBothAfterARestartWithoutState()
            throws Exception {
        // Given two payments each of 24 customers at 24 terminals, and every entity's answer before anything fails
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> latestEventOf = publishPayments(run, t, 0, 2);
        Map<String, JsonNode> before = new LinkedHashMap<>();
        List<String> ownedBySecond = new ArrayList<>();
        for (Map.Entry<String, String> entity : latestEventOf.entrySet()) {
            String path = featuresPath(entity.getKey());
            HttpResponse<String> answer = awaitLatest(first, path, entity.getValue());
            awaitLatest(second, path, entity.getValue());
            before.put(entity.getKey(), Json.mapper().readTree(answer.body()));
            if (servedBy(answer).equals(second.address())) {
                ownedBySecond.add(entity.getKey());
            }
        }
        assertThat(ownedBySecond).as("entities the second instance owns").isNotEmpty()
                .hasSizeLessThan(before.size());

        // When the second instance is killed (SIGKILL: it neither leaves the group nor commits)
        int survivorLogMark = first.logLines().size();
        long killedAt = System.nanoTime();
        second.kill();

        // Then at first the survivor cannot answer for the dead one's entities
        HttpResponse<String> orphaned = first.get(featuresPath(ownedBySecond.get(0)));
        assertThat(orphaned.statusCode()).as("lookup forwarded to the dead owner").isEqualTo(503);

        // And once its session times out, the survivor serves them from its own store
        for (String entity : ownedBySecond) {
            await().atMost(FAILOVER_PATIENCE).pollInterval(Duration.ofMillis(250))
                    .until(() -> first.get(featuresPath(entity)), response -> response.statusCode() == 200
                            && servedBy(response).equals(first.address()));
        }
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);

        // And every entity's answer is identical to the one before the kill (values, asOf, eventId): the dead one's
        // part was restored from the changelogs, not recomputed, since its input offsets were committed long ago
        for (Map.Entry<String, JsonNode> entity : before.entrySet()) {
            HttpResponse<String> answer = first.get(featuresPath(entity.getKey()));
            assertThat(answer.statusCode()).as(entity.getKey()).isEqualTo(200);
            assertThat(servedBy(answer)).as(entity.getKey()).isEqualTo(first.address());
            assertThat(Json.mapper().readTree(answer.body())).as(entity.getKey()).isEqualTo(entity.getValue());
        }
        assertThat(restoredRecords(first.logLines().subList(survivorLogMark, first.logLines().size()), "customer_id"))
                .as("online customer records the survivor restored after the kill").isPositive();

        // When each customer pays a third time (30), on both halves of the entities
        Map<String, String> thirdPayments = publishPayments(run, t, 2, 3);

        // Then the survivor counts every customer's payments from before the kill too: 3 in the day, average 20
        for (Map.Entry<String, String> entity : thirdPayments.entrySet()) {
            HttpResponse<String> answer = awaitLatest(first, featuresPath(entity.getKey()), entity.getValue());
            if (entity.getKey().startsWith("customer_id/")) {
                JsonNode features = Json.mapper().readTree(answer.body()).get("features");
                assertThat(features.get("customer_nb_tx_1d").asDouble()).as(entity.getKey()).isEqualTo(3.0);
                assertThat(features.get("customer_nb_tx_7d").asDouble()).as(entity.getKey()).isEqualTo(3.0);
                assertThat(features.get("customer_avg_amount_1d").asDouble()).as(entity.getKey()).isEqualTo(20.0);
            }
        }

        // And the vectors emitted for the third payments say the same, one vector per payment
        Set<String> thirdIds = new HashSet<>(thirdPayments.values());
        Map<String, List<FeaturesComputed>> emitted = await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> committedVectors(thirdIds), vectors -> vectors.keySet().containsAll(thirdIds));
        for (String id : thirdIds) {
            assertThat(emitted.get(id)).as(id).hasSize(1);
            Map<String, Double> features = emitted.get(id).get(0).features();
            assertThat(features).as(id).containsEntry("customer_nb_tx_1d", 3.0)
                    .containsEntry("customer_avg_amount_1d", 20.0).containsEntry("tx_amount", 30.0);
        }

        // When the killed instance is started again with its state folder deleted
        Map<String, JsonNode> afterFailover = new LinkedHashMap<>();
        for (String entity : before.keySet()) {
            afterFailover.put(entity, Json.mapper().readTree(first.get(featuresPath(entity)).body()));
        }
        deleteRecursively(FeatureServiceProcess.stateDir(workDir, "second"));
        long restartedAt = System.nanoTime();
        second = FeatureServiceProcess.start(module, "second", properties, workDir,
                workDir.resolve("second-restarted.log"));
        await().atMost(FAILOVER_PATIENCE).pollInterval(Duration.ofSeconds(1)).until(second::ready);

        // Then the entities split between the two again, and both answer every one as the survivor did alone
        await().atMost(FAILOVER_PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Set<String> owners = new HashSet<>();
            for (Map.Entry<String, JsonNode> entity : afterFailover.entrySet()) {
                for (FeatureServiceProcess instance : List.of(first, second)) {
                    HttpResponse<String> answer = instance.get(featuresPath(entity.getKey()));
                    assertThat(answer.statusCode()).as(entity.getKey()).isEqualTo(200);
                    assertThat(Json.mapper().readTree(answer.body())).as(entity.getKey()).isEqualTo(entity.getValue());
                    owners.add(servedBy(answer));
                }
            }
            assertThat(owners).containsExactlyInAnyOrder(first.address(), second.address());
        });
        Duration split = Duration.ofNanos(System.nanoTime() - restartedAt);

        // And what the restarted one answers from its own store it restored from the changelogs
        assertThat(restoredRecords(second.logLines(), "customer_id")
                + restoredRecords(second.logLines(), "terminal_id"))
                .as("online records the restarted instance restored").isPositive();
        System.out.printf("failover: survivor served every entity %d ms after the kill; restarted instance "
                + "sharing again %d ms after its start%n", takeover.toMillis(), split.toMillis());
    }

    /**
     * Publishes payments {@code from} (inclusive) to {@code to} of each of the 24 customers, the i-th at the i-th
     * terminal, payment p at {@code t + 60p + i} seconds for {@code 10 (p + 1)}.
     *
     * @return per entity ({@code customer_id/<value>}, {@code terminal_id/<value>}) the id of its latest payment
     */
    private static Map<String, String> publishPayments(String run, Instant t, int from, int to) {
        Map<String, String> latestEventOf = new LinkedHashMap<>();
        try (KafkaProducer<String, EventIngested> producer = producer(Topics.events(PIPELINE))) {
            for (int payment = from; payment < to; payment++) {
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
        return latestEventOf;
    }

    private static String featuresPath(String entity) {
        return "/v1/pipelines/" + PIPELINE + "/features/" + entity;
    }

    private static String servedBy(HttpResponse<String> response) {
        return response.headers().firstValue(OwnerClient.SERVED_BY_HEADER).orElse("");
    }

    /**
     * Records Kafka Streams says it restored into the online store of {@code field}, summed over its partitions'
     * "Finished restoring changelog" log lines.
     */
    private static long restoredRecords(List<String> logLines, String field) {
        Pattern restored = Pattern.compile("Finished restoring changelog \\S+-" + PIPELINE + "-online-"
                + Pattern.quote(field) + "-changelog-\\d+ .* total number of (\\d+) records");
        return logLines.stream().map(restored::matcher).filter(Matcher::find)
                .mapToLong(found -> Long.parseLong(found.group(1))).sum();
    }

    /** The vectors of {@code eventIds} committed to the features topic so far, read from its beginning. */
    private static Map<String, List<FeaturesComputed>> committedVectors(Set<String> eventIds) {
        Topic<String, FeaturesComputed> topic = Topics.features(PIPELINE);
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        // Vectors are written in exactly-once transactions; an aborted one (the killed instance's) is not a vector.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, List<FeaturesComputed>> vectors = new HashMap<>();
        try (KafkaConsumer<String, FeaturesComputed> consumer = new KafkaConsumer<>(config,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, FeaturesComputed> record : consumer.poll(Duration.ofMillis(200))) {
                    if (eventIds.contains(record.value().sourceEventId())) {
                        vectors.computeIfAbsent(record.value().sourceEventId(), id -> new ArrayList<>())
                                .add(record.value());
                    }
                }
            }
        }
        return vectors;
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
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

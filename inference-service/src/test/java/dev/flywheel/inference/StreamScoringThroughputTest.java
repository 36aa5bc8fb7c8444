package dev.flywheel.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.TopicPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * How many feature vectors per second the running service's stream scoring turns into committed predictions:
 * a backlog of {@value #VECTORS} vectors is produced as fast as a tuned producer can, and the figure is the count
 * over the span of their predictions' {@code predictedAt} (read with {@code read_committed}, so only predictions
 * that count are counted). Prints the figure the README quotes; asserts that every vector got exactly one, and
 * that the loop reports itself live and running.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class StreamScoringThroughputTest {

    private static final String PIPELINE = ServingFixture.PIPELINE;
    private static final int VECTORS = Integer.getInteger("flywheel.bench.stream-vectors", 5_000);

    @Inject
    TopicPublisher publisher;
    @Inject
    PipelineCatalog catalog;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aBacklogOfVectorsIsScoredOncePerVectorAndTheRateIsReported() throws Exception {
        // Given a model serving, and where the predictions topic ends now
        List<String> names = catalog.require(PIPELINE).featureNames();
        ServingFixture.ensureServing(publisher, names);
        Topic<String, PredictionMade> predictions = Topics.predictions(PIPELINE);
        try (KafkaConsumer<String, PredictionMade> reader = committedReader(predictions)) {
            List<TopicPartition> partitions = reader.partitionsFor(predictions.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            reader.assign(partitions);
            reader.seekToEnd(partitions);
            partitions.forEach(reader::position);

            // When a backlog of vectors is produced as fast as possible
            String run = UUID.randomUUID().toString();
            long producing = System.nanoTime();
            produce(run, names);
            long producedNanos = System.nanoTime() - producing;

            // Then each one has exactly one committed prediction
            Map<String, Integer> perVector = new HashMap<>();
            Instant[] span = {Instant.MAX, Instant.MIN};
            await().atMost(Duration.ofSeconds(120)).pollDelay(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, PredictionMade> record : reader.poll(Duration.ofMillis(200))) {
                    PredictionMade prediction = record.value();
                    if (prediction != null && !prediction.shadow() && prediction.sourceEventId() != null
                            && prediction.sourceEventId().startsWith(run)) {
                        perVector.merge(prediction.sourceEventId(), 1, Integer::sum);
                        span[0] = span[0].isBefore(prediction.predictedAt()) ? span[0] : prediction.predictedAt();
                        span[1] = span[1].isAfter(prediction.predictedAt()) ? span[1] : prediction.predictedAt();
                    }
                }
                return perVector.size() >= VECTORS;
            });
            assertThat(perVector).hasSize(VECTORS);
            assertThat(perVector.values()).allMatch(count -> count == 1);
            double seconds = Math.max(1, Duration.between(span[0], span[1]).toMillis()) / 1000.0;
            given().get("/q/health/live").then().statusCode(200)
                    .body("checks.find { it.name == 'stream scoring' }.status", is("UP"))
                    .body("checks.find { it.name == 'stream scoring' }.data.state", is("running"));
            System.out.printf("stream scoring: %d vectors produced in %.2f s (%.0f/s); predicted over %.2f s: "
                            + "%.0f vectors/s%n", VECTORS, producedNanos / 1e9, VECTORS / (producedNanos / 1e9),
                    seconds, VECTORS / seconds);
        }
    }

    private void produce(String run, List<String> names) {
        Topic<String, FeaturesComputed> features = Topics.features(PIPELINE);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<String, FeaturesComputed> producer = new KafkaProducer<>(config,
                features.keySerde().serializer(), features.valueSerde().serializer())) {
            Instant eventTime = Instant.parse("2018-04-02T03:04:05Z");
            for (int i = 0; i < VECTORS; i++) {
                String id = run + "-" + i;
                Map<String, Double> values = new LinkedHashMap<>();
                for (int j = 0; j < names.size(); j++) {
                    values.put(names.get(j), (double) ((i + j) % 7));
                }
                producer.send(new ProducerRecord<>(features.name(), id, new FeaturesComputed("features-" + id,
                        FeaturesComputed.SCHEMA_VERSION, PIPELINE, id, eventTime, Instant.now(),
                        Map.of("customer_id", Integer.toString(i % 100)), values)));
            }
            producer.flush();
        }
    }

    private KafkaConsumer<String, PredictionMade> committedReader(Topic<String, PredictionMade> topic) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }
}

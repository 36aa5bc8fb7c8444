package dev.flywheel.inference.messaging;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.PipelineSpecs;
import dev.flywheel.inference.Predictions;
import dev.flywheel.inference.model.ModelSwapper;
import dev.flywheel.inference.model.ServingModel;
import dev.flywheel.inference.model.ServingModels;
import dev.flywheel.inference.model.SwapOutcome;
import dev.flywheel.inference.shadow.ShadowScorer;
import dev.flywheel.kafka.local.KafkaBroker;
import dev.flywheel.kafka.local.KafkaTopics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The stream scoring of the service, outside Quarkus, on the test JVM's real broker: a pipeline of its own (the
 * card-fraud spec under a fresh name, so the running service of the {@code @QuarkusTest}s, which subscribes to
 * every features topic, has no model for it and writes nothing for it), its topics with three partitions, a
 * consumer group of its own, and a pure-Java model installed with the service's own {@link ModelSwapper}.
 * Gives loops to start, vectors to produce, and readers of the predictions in either isolation level.
 */
final class StreamScoringRig implements AutoCloseable {

    static final int PARTITIONS = 3;
    static final Duration WAIT = Duration.ofSeconds(60);

    final String bootstrap = KafkaBroker.shared().bootstrapServers();
    final PipelineSpec spec;
    final String group = "eos-test-" + UUID.randomUUID();
    final MeterRegistry meters = new SimpleMeterRegistry();
    private final ServingModels models;
    private final ModelSwapper swapper;
    private final FeatureStreamScorer scorer;
    private final List<StreamScoringLoop> loops = new ArrayList<>();
    private String serving;

    StreamScoringRig() throws IOException {
        String name = "eos-" + UUID.randomUUID().toString().substring(0, 8);
        String yaml = Files.readString(Path.of("../pipelines/card-fraud.yaml"))
                .replaceFirst("(?m)^name: card-fraud$", "name: " + name);
        spec = PipelineSpecs.parse(name + ".yaml", yaml);
        KafkaTopics.create(bootstrap, List.of(Topics.features(name).name(), Topics.predictions(name).name()),
                PARTITIONS);
        models = ServingModels.of(name);
        swapper = new ModelSwapper(models, promotion -> new SumModel(promotion.modelVersion(), spec.featureNames()),
                meters);
        // The stream path publishes nothing through the prediction log (HTTP's); Predictions needs one all the same.
        PredictionLog log = new PredictionLog(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Duration.ofMillis(20), meters);
        scorer = new FeatureStreamScorer(List.of(spec), models, new Predictions(log, new ShadowScorer(models, log,
                meters), meters), meters, (record, reason) -> { });
    }

    /** Makes {@code version} the serving model of the rig's pipeline. */
    void serve(String version) {
        SwapOutcome outcome = swapper.apply(new ModelPromoted("promotion-" + version, ModelPromoted.SCHEMA_VERSION,
                spec.name(), version, serving, "test:" + version, "test", Instant.now()));
        if (outcome != SwapOutcome.SWAPPED) {
            throw new IllegalStateException("version " + version + " does not serve: " + outcome);
        }
        serving = version;
    }

    /** Starts a loop with the service's own producer. */
    StreamScoringLoop start(String transactionalId, Duration transactionTimeout, int maxPollRecords) {
        return start(transactionalId, transactionTimeout, maxPollRecords,
                config -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    StreamScoringLoop start(String transactionalId, Duration transactionTimeout, int maxPollRecords,
                            Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {
        return start(transactionalId, transactionTimeout, maxPollRecords, producers, Map.of());
    }

    /** With client settings of the test's (they reach both the consumer and the producer). */
    StreamScoringLoop start(String transactionalId, Duration transactionTimeout, int maxPollRecords,
                            Function<Map<String, Object>, Producer<byte[], byte[]>> producers,
                            Map<String, Object> clientSettings) {
        return start(transactionalId, transactionTimeout, maxPollRecords, producers, clientSettings, () -> true);
    }

    /** A loop that reads nothing until {@code ready} holds, as the service's waits for its models. */
    StreamScoringLoop startWhen(BooleanSupplier ready, String transactionalId) {
        return start(transactionalId, Duration.ofSeconds(10), 50,
                config -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()), Map.of(),
                ready);
    }

    private StreamScoringLoop start(String transactionalId, Duration transactionTimeout, int maxPollRecords,
                                    Function<Map<String, Object>, Producer<byte[], byte[]>> producers,
                                    Map<String, Object> clientSettings, BooleanSupplier ready) {
        Map<String, Object> connection = new HashMap<>(clientSettings);
        connection.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        StreamScoringLoop loop = new StreamScoringLoop(connection,
                new StreamScoringLoop.Settings(group, Pattern.compile(Pattern.quote(Topics.features(spec.name()).name())),
                        transactionalId, transactionTimeout, maxPollRecords), scorer, meters, producers);
        loops.add(loop);
        loop.startWhen(ready);
        return loop;
    }

    FeatureStreamScorer scorer() {
        return scorer;
    }

    /** Produces vectors {@code from} (inclusive) to {@code to} (exclusive), ids {@code v-<n>}, spread by key. */
    void produce(int from, int to) {
        Topic<String, FeaturesComputed> features = Topics.features(spec.name());
        // One request in flight: right after a topic is created, a busy broker may still answer NOT_LEADER to the
        // first batch, and with more in flight the idempotent producer then retried the later ones as out of order
        // until they expired (records lost, seen here). Every send is checked.
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, FeaturesComputed> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5,
                        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                features.keySerde().serializer(), features.valueSerde().serializer())) {
            for (int i = from; i < to; i++) {
                Map<String, Double> values = new LinkedHashMap<>();
                for (String feature : spec.featureNames()) {
                    values.put(feature, (double) (i % 10));
                }
                String id = "v-" + i;
                sent.add(producer.send(new ProducerRecord<>(features.name(), id, new FeaturesComputed("features-" + id,
                        FeaturesComputed.SCHEMA_VERSION, spec.name(), id, Instant.parse("2018-04-01T00:00:00Z"),
                        Instant.now(), Map.of("customer_id", Integer.toString(i % 7)), values))));
            }
            producer.flush();
        }
        for (Future<RecordMetadata> each : sent) {
            try {
                each.get();
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException("a feature vector could not be produced", e);
            }
        }
    }

    /** Waits until the group has committed every vector produced so far. */
    void awaitAllCommitted() {
        await().atMost(WAIT).until(() -> lag() == 0);
    }

    /** Vectors on the features topic beyond the group's committed offsets. */
    long lag() throws Exception {
        try (Admin admin = Admin.create(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(Topics.features(spec.name()).name(), p), OffsetSpec.latest());
            }
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += end.getValue().offset() - (at == null ? 0 : at.offset());
            }
            return lag;
        }
    }

    /**
     * Every prediction on the topic, read from the beginning to the end with this isolation level, once no
     * transaction is open on it: a committed transaction's markers reach the partitions after
     * {@code commitTransaction()} returns, so until then a read_committed reader's end is short of it.
     */
    List<PredictionMade> predictions(String isolation) {
        Topic<String, PredictionMade> topic = Topics.predictions(spec.name());
        await().atMost(WAIT).until(() -> settled(topic.name()));
        try (KafkaConsumer<String, PredictionMade> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic.name(), p));
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            // read_committed: the end is the last stable offset, so an open transaction's records are not waited for.
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
            List<PredictionMade> read = new ArrayList<>();
            await().atMost(WAIT).pollDelay(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, PredictionMade> record : reader.poll(Duration.ofMillis(100))) {
                    read.add(record.value());
                }
                return partitions.stream().allMatch(p -> reader.position(p) >= ends.get(p));
            });
            return read;
        }
    }

    /** Whether the last stable offset of every partition is its end: no transaction open. */
    private boolean settled(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        try (Admin admin = Admin.create(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
            var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
            return latest.keySet().stream().allMatch(p -> stable.get(p).offset() == ends.get(p).offset());
        }
    }

    @Override
    public void close() throws Exception {
        for (StreamScoringLoop loop : loops) {
            loop.close();
        }
        models.all().forEach(slot -> slot.clear());
    }

    /** A pure-Java model: the logistic of the sum of its inputs over 100. */
    private record SumModel(String version, List<String> featureNames) implements ServingModel {

        @Override
        public double threshold() {
            return 0.5;
        }

        @Override
        public double score(double[] features) {
            double sum = 0;
            for (double feature : features) {
                sum += feature;
            }
            return 1 / (1 + Math.exp(-sum / 100));
        }

        @Override
        public Object metadata() {
            return Map.of("version", version);
        }

        @Override
        public void close() {
        }
    }
}

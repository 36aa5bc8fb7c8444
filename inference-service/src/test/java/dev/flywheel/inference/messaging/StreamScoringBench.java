package dev.flywheel.inference.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.PredictionMade;

/**
 * Vectors per second through stream scoring on a backlog, exactly-once against at-least-once, alternated in one
 * JVM on one broker so that both see the same machine: each run gets a fresh pipeline ({@link StreamScoringRig})
 * with a backlog of {@code flywheel.bench.stream-vectors} vectors, then a scorer starts, and the figure is the
 * backlog over the span of its predictions' {@code predictedAt}.
 *
 * <ul>
 *   <li><b>exactly-once</b>: {@link StreamScoringLoop}, one transaction per poll, at several poll sizes;</li>
 *   <li><b>at-least-once</b>: what the service did before, on the same consumer and scorer: an idempotent producer
 *   sends the poll's predictions, waits for the acknowledgements, then the consumer commits its offsets.</li>
 * </ul>
 *
 * A benchmark, not a check: run with {@code -Dflywheel.bench.stream=true} ({@code bench/inference/stream.sh}).
 */
@EnabledIfSystemProperty(named = "flywheel.bench.stream", matches = "true")
class StreamScoringBench {

    private static final int VECTORS = Integer.getInteger("flywheel.bench.stream-vectors", 20_000);
    private static final int ROUNDS = Integer.getInteger("flywheel.bench.stream-rounds", 2);

    @Test
    void exactlyOnceAgainstAtLeastOnceOnABacklog() throws Exception {
        Map<String, List<Double>> rates = new java.util.LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int maxPoll : new int[] {100, 500, 2000}) {
                rates.computeIfAbsent("exactly-once, max.poll.records=" + maxPoll, k -> new ArrayList<>())
                        .add(exactlyOnce(maxPoll));
            }
            rates.computeIfAbsent("at-least-once, max.poll.records=500", k -> new ArrayList<>())
                    .add(atLeastOnce(500));
        }
        System.out.printf("stream scoring bench: %d vectors per run, %d rounds%n", VECTORS, ROUNDS);
        rates.forEach((what, values) -> System.out.printf("  %-40s %s vectors/s%n", what,
                values.stream().map(v -> String.format("%,.0f", v)).toList()));
        rates.values().forEach(values -> assertThat(values).allMatch(rate -> rate > 0));
    }

    private double exactlyOnce(int maxPoll) throws Exception {
        try (StreamScoringRig rig = new StreamScoringRig()) {
            rig.serve("1");
            rig.produce(0, VECTORS);
            rig.start("bench-" + UUID.randomUUID(), Duration.ofSeconds(10), maxPoll);
            rig.awaitAllCommitted();
            return rate(rig.predictions("read_committed"));
        }
    }

    private double atLeastOnce(int maxPoll) throws Exception {
        try (StreamScoringRig rig = new StreamScoringRig();
             AtLeastOnce loop = new AtLeastOnce(rig, maxPoll)) {
            rig.serve("1");
            rig.produce(0, VECTORS);
            loop.start();
            rig.awaitAllCommitted();
            return rate(rig.predictions("read_committed"));
        }
    }

    private static double rate(List<PredictionMade> predictions) {
        assertThat(predictions.stream().map(PredictionMade::sourceEventId).distinct()).hasSize(VECTORS);
        Instant first = predictions.stream().map(PredictionMade::predictedAt).min(Instant::compareTo).orElseThrow();
        Instant last = predictions.stream().map(PredictionMade::predictedAt).max(Instant::compareTo).orElseThrow();
        return VECTORS / (Math.max(1, Duration.between(first, last).toMillis()) / 1000.0);
    }

    /** The previous commit strategy: send, wait for the acknowledgements, commit the offsets. */
    private static final class AtLeastOnce implements AutoCloseable {

        private final StreamScoringRig rig;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final KafkaProducer<byte[], byte[]> producer;
        private final Thread thread = new Thread(this::run, "at-least-once-scoring");
        private volatile boolean stopping;

        AtLeastOnce(StreamScoringRig rig, int maxPoll) {
            this.rig = rig;
            Map<String, Object> consumerConfig = new HashMap<>();
            consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, rig.bootstrap);
            consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, rig.group);
            consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPoll);
            this.consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, rig.bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                    new ByteArraySerializer(), new ByteArraySerializer());
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void run() {
            Topic<String, PredictionMade> topic = Topics.predictions(rig.spec.name());
            try {
                consumer.subscribe(Pattern.compile(Pattern.quote(Topics.features(rig.spec.name()).name())));
                while (!stopping) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                    if (records.isEmpty()) {
                        continue;
                    }
                    for (PredictionMade prediction : rig.scorer().score(records)) {
                        producer.send(new ProducerRecord<>(topic.name(),
                                topic.keySerde().serializer().serialize(topic.name(), PredictionLog.keyOf(prediction)),
                                topic.valueSerde().serializer().serialize(topic.name(), prediction)));
                    }
                    producer.flush();
                    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
                    for (TopicPartition partition : records.partitions()) {
                        List<ConsumerRecord<byte[], byte[]>> in = records.records(partition);
                        next.put(partition, new OffsetAndMetadata(in.get(in.size() - 1).offset() + 1));
                    }
                    consumer.commitSync(next);
                }
            } catch (WakeupException stopped) {
                // close() asked
            } finally {
                consumer.close();
            }
        }

        @Override
        public void close() throws InterruptedException {
            stopping = true;
            consumer.wakeup();
            thread.join(10_000);
            producer.close(Duration.ofSeconds(5));
        }
    }
}

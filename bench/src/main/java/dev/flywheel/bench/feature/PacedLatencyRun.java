package dev.flywheel.bench.feature;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;

/**
 * Event-to-vector latency at a fixed input rate: sends simulated payments (continuing the preload's stream) to
 * {@code flywheel.<p>.events} on a fixed schedule, {@code rate} a second for {@code seconds}, while a consumer reads
 * the features topic (read_committed, from its end as of the start).
 *
 * <p>Each input record is stamped with the time the schedule meant to send it, and latency counts from there: a
 * producer that falls behind (a stall, a GC) then shows as latency instead of silently sending later (no coordinated
 * omission). Two latencies per vector, both on this machine's clock, in milliseconds:
 * <ul>
 *   <li><b>append</b>: the vector record's timestamp (the wall-clock time the service computed it) minus the input's;</li>
 *   <li><b>visible</b>: when this read_committed consumer received it minus the input's, i.e. including the
 *       exactly-once commit interval, what a downstream reader such as the inference service waits.</li>
 * </ul>
 * Vectors of inputs sent in the first {@code warmupSeconds} are not counted.
 */
record PacedLatencyRun(String bootstrap, String pipeline, long skip, double rate, int seconds, int warmupSeconds) {

    private static final Duration DRAIN = Duration.ofSeconds(60);

    String run() throws InterruptedException {
        Topic<String, EventIngested> events = Topics.events(pipeline);
        String features = Topics.features(pipeline).name();
        SimulatedPayments payments = new SimulatedPayments(pipeline, skip);
        Map<String, Long> scheduled = new ConcurrentHashMap<>();
        Histogram append = new Histogram(3_600_000L, 3);
        Histogram visible = new Histogram(3_600_000L, 3);
        AtomicLong measured = new AtomicLong();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicReference<Exception> sendError = new AtomicReference<>();
        long total = Math.round(rate * seconds);
        long warmup = Math.round(rate * warmupSeconds);

        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             var producer = new KafkaProducer<>(Map.<String, Object>of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                     ProducerConfig.LINGER_MS_CONFIG, 0),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(features).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            Thread reader = new Thread(() -> {
                long quietSince = 0;
                while (true) {
                    var records = consumer.poll(Duration.ofMillis(100));
                    long now = System.currentTimeMillis();
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        Long sent = scheduled.remove(new String(record.key(), StandardCharsets.UTF_8));
                        if (sent != null && sent >= 0) {
                            append.recordValue(Math.max(0, record.timestamp() - sent));
                            visible.recordValue(Math.max(0, now - sent));
                            measured.incrementAndGet();
                        }
                    }
                    if (sending.get()) {
                        continue;
                    }
                    if (scheduled.isEmpty()) {
                        return;
                    }
                    quietSince = records.isEmpty() ? (quietSince == 0 ? now : quietSince) : 0;
                    if (quietSince != 0 && now - quietSince > DRAIN.toMillis()) {
                        return;
                    }
                }
            }, "vector-reader");
            reader.start();

            long startNanos = System.nanoTime();
            long startMillis = System.currentTimeMillis();
            long intervalNanos = Math.round(1e9 / rate);
            for (long i = 0; i < total; i++) {
                long due = startNanos + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long intended = startMillis + (due - startNanos) / 1_000_000;
                EventIngested event = payments.next(Instant.ofEpochMilli(intended));
                // Warm-up inputs are marked -1: their vectors are read but not counted.
                scheduled.put(event.eventId(), i < warmup ? -1L : intended);
                producer.send(new ProducerRecord<>(events.name(), null, intended,
                        event.eventId().getBytes(StandardCharsets.UTF_8),
                        events.valueSerde().serializer().serialize(events.name(), event)), (metadata, error) -> {
                    if (error != null) {
                        sendError.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
            double achieved = total * 1e9 / (System.nanoTime() - startNanos);
            sending.set(false);
            reader.join(DRAIN.toMillis() + 10_000);
            if (sendError.get() != null) {
                throw new IllegalStateException("an input was not acknowledged", sendError.get());
            }
            long expected = total - warmup;
            return String.format(Locale.ROOT, "latency rate=%.0f achieved_rate=%.0f sent=%d counted=%d of=%d "
                            + "append_p50_ms=%d append_p90_ms=%d append_p99_ms=%d append_max_ms=%d "
                            + "visible_p50_ms=%d visible_p90_ms=%d visible_p99_ms=%d visible_max_ms=%d",
                    rate, achieved, total, measured.get(), expected,
                    append.getValueAtPercentile(50), append.getValueAtPercentile(90),
                    append.getValueAtPercentile(99), append.getMaxValue(),
                    visible.getValueAtPercentile(50), visible.getValueAtPercentile(90),
                    visible.getValueAtPercentile(99), visible.getMaxValue());
        }
    }
}

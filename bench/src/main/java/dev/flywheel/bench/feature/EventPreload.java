package dev.flywheel.bench.feature;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;

/**
 * Writes {@code records} simulated payments to {@code flywheel.<p>.events} as {@link EventIngested}, keyed by event
 * id (as ingest does), before the feature service starts: the service then finds a backlog and the run measures how
 * fast the topology turns it into vectors, not how fast this producer writes. Also writes the first
 * {@code payloadLines} values to a file, one per line, for the ceiling's {@code ProducerPerformance}, so the ceiling
 * sends records of the same size.
 */
record EventPreload(String bootstrap, String pipeline, int records, Path payloadFile, int payloadLines) {

    /** Sends and waits for every acknowledgement; returns the mean value size in bytes. */
    long run() throws IOException {
        Topic<String, EventIngested> topic = Topics.events(pipeline);
        SimulatedPayments payments = new SimulatedPayments(pipeline, 0);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        long bytes = 0;
        Files.createDirectories(payloadFile.toAbsolutePath().getParent());
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
             BufferedWriter lines = Files.newBufferedWriter(payloadFile, StandardCharsets.UTF_8)) {
            Instant now = Instant.now();
            for (int i = 0; i < records; i++) {
                EventIngested event = payments.next(now);
                byte[] value = topic.valueSerde().serializer().serialize(topic.name(), event);
                bytes += value.length;
                if (i < payloadLines) {
                    lines.write(new String(value, StandardCharsets.UTF_8));
                    lines.newLine();
                }
                producer.send(new ProducerRecord<>(topic.name(), event.eventId().getBytes(StandardCharsets.UTF_8),
                        value), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + records + " events were not acknowledged",
                    firstError.get());
        }
        return records == 0 ? 0 : bytes / records;
    }
}

package dev.flywheel.bench.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.flywheel.contracts.Topics;

/**
 * Times how fast the ingest service moves a raw backlog to the pipeline's events topic.
 *
 * <p>Consumes the end offsets of the events and rejected topics, polled until the service has moved the whole
 * backlog ({@code expected} records) or {@code window} has passed since its first record, then the first and
 * last record of each events partition. Produces the span from the earliest to the latest record timestamp:
 * the service's producer stamps each record when it sends it (CreateTime), so the span is the service's own
 * first-to-last time, free of this program's polling interval. What is left of the backlog is then deleted
 * from the raw topic, so a service started afterwards finds nothing to do there.
 *
 * <p>A freshly started JVM runs the first records interpreted and compiles as it goes (its rate climbed from ~3k to
 * ~100k records/s over the first 200k), so the steady rate leaves out the first {@code warmup} records: in each
 * events partition its share of them, by offset; it runs from the earliest timestamp of the first record kept in any
 * partition to the last record, so every record counted was written inside the span (a rate that errs low).
 */
record DrainTimer(String bootstrap, String pipeline, long expected, long warmup, Duration window, Duration timeout) {

    private static final Duration POLL = Duration.ofMillis(200);

    /** What the drain moved and how long it took. */
    record Drain(long events, long rejected, long firstMillis, long lastMillis, long steadyEvents,
                 long steadyFirstMillis) {

        double perSecond() {
            return rate(events, lastMillis - firstMillis);
        }

        double steadyPerSecond() {
            return rate(steadyEvents, lastMillis - steadyFirstMillis);
        }

        private static double rate(long records, long spanMillis) {
            return records * 1000.0 / Math.max(1, spanMillis);
        }

        String line() {
            return "drain events=%d rejected=%d span_ms=%d records_per_s=%.0f steady_events=%d steady_span_ms=%d steady_records_per_s=%.0f"
                    .formatted(events, rejected, lastMillis - firstMillis, perSecond(), steadyEvents,
                            lastMillis - steadyFirstMillis, steadyPerSecond());
        }
    }

    Drain await() throws Exception {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // End offsets come from the Admin API: a consumer asked about partitions it is not assigned logs a
        // warning per partition and call.
        try (Admin offsets = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             var reader = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> events = partitions(reader, Topics.events(pipeline).name());
            List<TopicPartition> rejected = partitions(reader, Topics.rejected(pipeline).name());
            long deadline = System.nanoTime() + timeout.toNanos();
            Long firstSeen = null;
            long moved = 0;
            while (moved < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the ingest service moved " + moved + " of " + expected
                            + " raw events within " + timeout);
                }
                if (firstSeen != null && System.nanoTime() - firstSeen > window.toNanos()) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
                moved = total(offsets, events) + total(offsets, rejected);
                if (firstSeen == null && moved > 0) {
                    firstSeen = System.nanoTime();
                }
            }
            Map<TopicPartition, Long> ends = endOffsets(offsets, events);
            long eventCount = ends.values().stream().mapToLong(Long::longValue).sum();
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            long steadyFirst = Long.MAX_VALUE;
            long steadyEvents = 0;
            for (TopicPartition partition : events) {
                long end = ends.get(partition);
                if (end > 0) {
                    first = Math.min(first, timestampAt(reader, partition, 0));
                    last = Math.max(last, timestampAt(reader, partition, end - 1));
                    long kept = Math.min(end - 1, Math.round((double) warmup * end / eventCount));
                    steadyFirst = Math.min(steadyFirst, timestampAt(reader, partition, kept));
                    steadyEvents += end - kept;
                }
            }
            Drain drain = new Drain(eventCount, total(offsets, rejected), first, last, steadyEvents, steadyFirst);
            deleteRestOfBacklog(offsets, partitions(reader, Topics.rawEvents(pipeline).name()));
            return drain;
        }
    }

    private static void deleteRestOfBacklog(Admin admin, List<TopicPartition> raw) throws Exception {
        Map<TopicPartition, RecordsToDelete> upToEnd = new HashMap<>();
        endOffsets(admin, raw).forEach((partition, end) -> upToEnd.put(partition, RecordsToDelete.beforeOffset(end)));
        admin.deleteRecords(upToEnd).all().get(30, TimeUnit.SECONDS);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static long total(Admin admin, List<TopicPartition> partitions) throws Exception {
        return endOffsets(admin, partitions).values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, List<TopicPartition> partitions)
            throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private static long timestampAt(KafkaConsumer<byte[], byte[]> reader, TopicPartition partition, long offset) {
        reader.assign(List.of(partition));
        reader.seek(partition, offset);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(POLL)) {
                if (record.offset() == offset) {
                    return record.timestamp();
                }
            }
        }
        throw new IllegalStateException("cannot read offset " + offset + " of " + partition + " within 30 s");
    }
}

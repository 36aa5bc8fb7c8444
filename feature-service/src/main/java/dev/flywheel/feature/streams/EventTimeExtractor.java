package dev.flywheel.feature.streams;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.feature.store.NotInTheFuture;

/**
 * Gives Kafka Streams the time each input happened in the world rather than when it was produced: an event's
 * event time, a label's label time, a vector's event time. Stream time, and with it the expiry of every store,
 * then follows the data, so a replay of last year's events ages state as the live stream would.
 *
 * <p>A time in the future is taken as now. Kafka Streams stamps changelog and repartition records with it, and
 * since Kafka 4.0 a broker refuses records more than an hour ahead ({@code log.message.timestamp.after.max.ms}),
 * which would stop the whole stream; a producer's clock running ahead, or a simulation faster than real time, must
 * not do that. The processors read the exact times from the payloads, so nothing else changes. A time before 1970
 * is taken as 0 rather than have Kafka Streams drop the record.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Instant time = timeOf(record.value());
        if (time != null) {
            try {
                return NotInTheFuture.cap(time.toEpochMilli());
            } catch (ArithmeticException beyondMillis) {
                // A time no epoch millisecond can hold (year ±292 million): an exception here would stop the stream
                // thread, which no handler covers. The processor reading it fails instead, and it is dead-lettered.
            }
        }
        // A tombstone or foreign record: keep stream time where it is rather than jump to the produce time.
        return Math.max(0, partitionTime >= 0 ? partitionTime : record.timestamp());
    }

    private static Instant timeOf(Object value) {
        if (value instanceof EventIngested event) {
            return event.eventTime();
        }
        if (value instanceof LabelReceived label) {
            return label.labelTime();
        }
        if (value instanceof FeaturesComputed vector) {
            return vector.eventTime();
        }
        return null;
    }
}

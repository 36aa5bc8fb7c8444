package dev.flywheel.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.flywheel.contracts.Topics;

/**
 * Sends a record a consumer could not read to the platform's dead-letter topic ({@link Topics#deadLetter()}), as it
 * was read (key and value bytes, original headers), with headers saying why and from where. The header names are
 * those feature-service's Kafka Streams handlers write, so one reader understands every service's dead letters:
 * {@code dead-letter-reason}, {@code -topic}, {@code -partition}, {@code -offset}, {@code -application}.
 *
 * <p>For consumers that read records themselves (plain Kafka consumers, SmallRye channels reading
 * {@code ConsumerRecords}); a poison record is then kept for a person to look at instead of being skipped with
 * only a log line, and the consumer goes on with the next one.
 */
@Singleton
public class DeadLetterPublisher {

    public static final String REASON = "dead-letter-reason";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    public static final String APPLICATION = "dead-letter-application";

    /** What SmallRye Reactive Messaging adds to a record it could not deserialize (DeserializationFailureHandler). */
    private static final String SMALLRYE_FAILURE_DATA = "deserialization-failure-data";
    private static final String SMALLRYE_FAILURE_REASON = "deserialization-failure-reason";

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final TopicPublisher publisher;
    private final String application;

    public DeadLetterPublisher(TopicPublisher publisher,
                               @ConfigProperty(name = "quarkus.application.name") String application) {
        this.publisher = publisher;
        this.application = application;
    }

    /**
     * Sends the dead letter of the record read at {@code topic}-{@code partition}@{@code offset}; completes when the
     * broker acknowledged it.
     */
    public CompletionStage<?> send(String topic, int partition, long offset, byte[] key, byte[] value, Headers read,
                                   String reason) {
        LOG.warnf("record %s-%d@%d sent to %s: %s", topic, partition, offset, Topics.deadLetter().name(), reason);
        List<Header> headers = new ArrayList<>();
        if (read != null) {
            read.forEach(header -> {
                if (!header.key().startsWith("dead-letter-")) {
                    headers.add(header);
                }
            });
        }
        headers.add(header(REASON, reason));
        headers.add(header(TOPIC, topic));
        headers.add(header(PARTITION, Integer.toString(partition)));
        headers.add(header(OFFSET, Long.toString(offset)));
        headers.add(header(APPLICATION, application));
        return publisher.publish(Topics.deadLetter(), key, value, headers);
    }

    /**
     * Sends the dead letter of a record a SmallRye channel could not deserialize (its value arrives as null when the
     * channel has {@code fail-on-deserialization-failure=false}): the original bytes and the reason come from the
     * headers SmallRye adds; a null value without them is a tombstone, which no Flywheel topic expects.
     */
    public CompletionStage<?> sendUnreadable(ConsumerRecord<String, ?> record) {
        byte[] value = bytes(record.headers(), SMALLRYE_FAILURE_DATA);
        byte[] reason = bytes(record.headers(), SMALLRYE_FAILURE_REASON);
        String why = reason != null ? "unreadable: " + new String(reason, StandardCharsets.UTF_8)
                : "an empty record (tombstone); a " + record.topic() + " record must hold an event";
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        return send(record.topic(), record.partition(), record.offset(), key, value, record.headers(), why);
    }

    private static byte[] bytes(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : header.value();
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}

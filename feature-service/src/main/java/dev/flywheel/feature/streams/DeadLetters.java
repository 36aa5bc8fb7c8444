package dev.flywheel.feature.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.jboss.logging.Logger;

import dev.flywheel.contracts.Topics;
import dev.flywheel.runtime.KafkaClientConfig;

/**
 * Writes a record the feature topology could not read or process to the platform's dead-letter topic
 * ({@link Topics#deadLetter()}), as it was read (key and value bytes, original headers), plus headers saying why and
 * from where. The header names are SmallRye Reactive Messaging's, so one reader understands the dead letters of
 * every service.
 *
 * <p>Kafka Streams 4.1 has no way for an exception handler to hand dead-letter records back to the task (that is
 * KIP-1034, whose {@code Response} types are not in the 4.1.2 jar), so the handlers send them here, on a producer of
 * their own, and wait for the broker's acknowledgement before telling Kafka Streams to continue. Under
 * {@code exactly_once_v2} this producer is <em>outside</em> the task's transaction: the dead letter is written (and
 * visible to read_committed readers) at once, whatever becomes of the transaction. If the task's transaction then
 * aborts (a crash or a fenced instance before the commit), the input is read again and dead-lettered again, so
 * dead letters are at least once, never lost, and may repeat: a reader can drop repeats by source topic,
 * partition and offset. Nothing the topology emits is affected.
 *
 * <p>One producer is shared by every handler of a Kafka Streams client (Kafka Streams makes a handler per task), and
 * closed by {@link #closeAll()} when the service stops.
 */
public final class DeadLetters {

    /** The exception's message. */
    public static final String REASON = "dead-letter-reason";
    /** The message of the exception's cause, when it has one. */
    public static final String CAUSE = "dead-letter-cause";
    public static final String EXCEPTION_CLASS = "dead-letter-exception-class-name";
    public static final String CAUSE_CLASS = "dead-letter-cause-class-name";
    /** Where the record was read: topic, partition, offset (absent for a failure outside any record). */
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    /** The Kafka Streams application id: {@code feature-service}. */
    public static final String APPLICATION = "dead-letter-application";
    /** For a processing failure: the processor node that threw. */
    public static final String PROCESSOR = "dead-letter-processor";

    /**
     * Kafka Streams setting holding a ready {@link Producer} of byte arrays to send dead letters with, instead of one
     * made from {@code bootstrap.servers}: how a {@code TopologyTestDriver} test captures them.
     */
    public static final String PRODUCER_CONFIG = "feature.dead-letter.producer";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Map<Map<String, Object>, Producer<byte[], byte[]>> SHARED = new ConcurrentHashMap<>();

    private final Producer<byte[], byte[]> producer;
    private final String application;

    private DeadLetters(Producer<byte[], byte[]> producer, String application) {
        this.producer = producer;
        this.application = application;
    }

    /** Dead letters for the Kafka Streams client configured by {@code configs} (what a handler's configure gets). */
    @SuppressWarnings("unchecked")
    static DeadLetters from(Map<String, ?> configs) {
        Object application = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        String applicationId = application == null ? "feature-service" : application.toString();
        Object given = configs.get(PRODUCER_CONFIG);
        if (given instanceof Producer<?, ?> producer) {
            return new DeadLetters((Producer<byte[], byte[]>) producer, applicationId);
        }
        Map<String, Object> connection = KafkaClientConfig.connection(new HashMap<>(configs));
        if (connection.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new IllegalStateException("dead letters need bootstrap.servers in the Kafka Streams configuration");
        }
        connection.put(ProducerConfig.CLIENT_ID_CONFIG, applicationId + "-dead-letters");
        return new DeadLetters(SHARED.computeIfAbsent(connection, DeadLetters::producer), applicationId);
    }

    private static Producer<byte[], byte[]> producer(Map<String, Object> connection) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Closes the shared producers; a handler called after this fails its record (it is then read again). */
    public static void closeAll() {
        SHARED.values().forEach(producer -> producer.close(Duration.ofSeconds(10)));
        SHARED.clear();
    }

    /**
     * Where a failed record was read and what it held.
     *
     * @param topic     source topic, or null for a failure not tied to a record read (a punctuation)
     * @param partition source partition, or -1
     * @param offset    source offset, or -1
     * @param key       the key bytes as read (may be null)
     * @param value     the value bytes as read (may be null)
     * @param headers   the record's headers as read (may be null)
     * @param processor the processor node that threw, or null for a record no serde could read
     */
    record Origin(String topic, int partition, long offset, byte[] key, byte[] value, Headers headers,
                  String processor) {
    }

    /**
     * Sends the dead letter and waits for the broker's acknowledgement.
     *
     * @return true once acknowledged; false (logged) when it could not be written
     */
    boolean send(Origin origin, Exception error) {
        ProducerRecord<byte[], byte[]> letter = letter(origin, error);
        try {
            producer.send(letter).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.warnf("record %s-%d@%d sent to %s: %s", origin.topic(), origin.partition(), origin.offset(),
                    letter.topic(), error.getMessage());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.errorf(e, "interrupted writing the dead letter of %s-%d@%d", origin.topic(), origin.partition(),
                    origin.offset());
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.errorf(e, "cannot write the dead letter of %s-%d@%d (failing on: %s)", origin.topic(),
                    origin.partition(), origin.offset(), error.getMessage());
            return false;
        }
    }

    ProducerRecord<byte[], byte[]> letter(Origin origin, Exception error) {
        RecordHeaders headers = new RecordHeaders();
        if (origin.headers() != null) {
            for (Header header : origin.headers()) {
                if (!header.key().startsWith("dead-letter-")) {
                    headers.add(header);
                }
            }
        }
        put(headers, REASON, error.getMessage() != null ? error.getMessage() : error.getClass().getName());
        put(headers, EXCEPTION_CLASS, error.getClass().getName());
        Throwable cause = error.getCause();
        if (cause != null) {
            put(headers, CAUSE, cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName());
            put(headers, CAUSE_CLASS, cause.getClass().getName());
        }
        if (origin.topic() != null) {
            put(headers, TOPIC, origin.topic());
            put(headers, PARTITION, Integer.toString(origin.partition()));
            put(headers, OFFSET, Long.toString(origin.offset()));
        }
        put(headers, APPLICATION, application);
        if (origin.processor() != null) {
            put(headers, PROCESSOR, origin.processor());
        }
        return new ProducerRecord<>(Topics.deadLetter().name(), null, origin.key(), origin.value(), headers);
    }

    private static void put(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}

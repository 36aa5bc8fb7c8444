package dev.flywheel.kafka.local;

import java.util.List;

/**
 * A Kafka broker that tests talk to through its bootstrap address: the child-JVM {@link LocalKafkaBroker}, a
 * Testcontainers broker, or one started elsewhere.
 */
public interface KafkaBroker extends AutoCloseable {

    /** Environment variable naming an already running broker; when set, tests use it and start none. */
    String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";

    /** {@code host:port[,host:port…]} for a client's {@code bootstrap.servers}. */
    String bootstrapServers();

    /** Stops the broker if this JVM started it; a broker started elsewhere is left alone. */
    @Override
    void close();

    /** Creates topics with the given partition count (see {@link KafkaTopics#create}); existing ones are kept. */
    default void createTopics(int partitions, String... names) {
        KafkaTopics.create(bootstrapServers(), List.of(names), partitions, KafkaTopics.DEFAULT_TIMEOUT);
    }

    /**
     * The one broker of this test JVM, started on first call and stopped by a shutdown hook: in order, the broker
     * named by {@code KAFKA_BOOTSTRAP_SERVERS}; a Testcontainers broker if a Docker endpoint exists; otherwise a
     * child-JVM {@link LocalKafkaBroker}. {@link KafkaBrokerTestResource} hands the same broker to Quarkus tests.
     */
    static KafkaBroker shared() {
        return SharedKafkaBroker.get();
    }
}

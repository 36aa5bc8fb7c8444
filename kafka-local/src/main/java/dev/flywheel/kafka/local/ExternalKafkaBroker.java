package dev.flywheel.kafka.local;

/**
 * A broker this JVM did not start: named by {@code KAFKA_BOOTSTRAP_SERVERS}, or started by another class loader
 * of the same JVM (Quarkus gives each test profile its own). Closing it does nothing.
 *
 * @param bootstrapServers the address clients use
 * @param origin           where the address came from, for logs
 */
record ExternalKafkaBroker(String bootstrapServers, String origin) implements KafkaBroker {

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "Kafka at " + bootstrapServers + " (" + origin + ")";
    }
}

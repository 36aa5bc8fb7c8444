package dev.flywheel.runtime;

import java.util.HashMap;
import java.util.Map;

/**
 * Picks the connection settings (bootstrap servers, security) out of Quarkus's
 * {@code default-kafka-broker} configuration, for the Kafka clients a service creates itself.
 * Client-specific keys are left out so that a producer's settings never reach an admin client.
 */
public final class KafkaClientConfig {

    private KafkaClientConfig() {
    }

    /** Bootstrap servers and security settings only, as a fresh mutable map. */
    public static Map<String, Object> connection(Map<String, Object> kafka) {
        Map<String, Object> connection = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.")
                    || key.startsWith("ssl.")) {
                connection.put(key, value);
            }
        });
        return connection;
    }
}

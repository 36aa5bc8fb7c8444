package dev.flywheel.contracts;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic as Flywheel uses it: its name with the serdes of its keys and values, and how long
 * it keeps records. Obtained from {@link Topics}; nothing else spells a topic name.
 *
 * @param retention how long records are kept; {@code null} keeps them forever
 * @param compacted  only the latest record of each key is kept (a table of current values, such as positions)
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Class<V> valueType,
                          Duration retention, boolean compacted) {

    /** A topic that keeps every record for {@code retention}. */
    public Topic(String name, Serde<K> keySerde, Serde<V> valueSerde, Class<V> valueType, Duration retention) {
        this(name, keySerde, valueSerde, valueType, retention, false);
    }

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }

    /** Topic-level configs to create it with. */
    public Map<String, String> configs() {
        String ms = retention == null ? "-1" : Long.toString(retention.toMillis());
        if (compacted) {
            return Map.of(TopicConfig.RETENTION_MS_CONFIG, ms,
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        return Map.of(TopicConfig.RETENTION_MS_CONFIG, ms);
    }
}

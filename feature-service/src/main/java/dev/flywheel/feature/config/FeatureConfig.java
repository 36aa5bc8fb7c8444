package dev.flywheel.feature.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the feature service; the Kafka Streams client itself is configured under {@code kafka-streams.*}. */
@ConfigMapping(prefix = "flywheel.feature")
public interface FeatureConfig {

    /**
     * How long state is kept beyond what the windows and the label delay need (in stream time), so that records
     * reordered by repartitioning or by a replay that reads partitions unevenly still find what they join with;
     * also how long a vector waits for a missing part (in wall-clock time).
     */
    @WithDefault("1d")
    Duration grace();
}

package dev.flywheel.inference.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the inference service; the shared ones (specs, registry folder) are in {@code PlatformConfig}. */
@ConfigMapping(prefix = "flywheel.inference")
public interface InferenceConfig {

    /** Most predictions one {@code POST .../predict/batch} may ask for; a longer array is refused with 413. */
    @WithDefault("1000")
    int maxBatchSize();
}

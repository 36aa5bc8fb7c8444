package dev.flywheel.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.flywheel.runtime.PlatformConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** API clients come from environment variables as operations set them, with authentication on by default. */
class SecuritySettingsTest {

    /** As Quarkus builds it: durations such as {@code 30s} need Quarkus's converter. */
    private static SmallRyeConfigBuilder platformConfig() {
        return new SmallRyeConfigBuilder().withConverter(Duration.class, 200, new DurationConverter());
    }

    @Test
    void clientsAndRolesComeFromTheEnvironment() {
        // Given two clients set only through environment variables
        SmallRyeConfig config = platformConfig()
                .withSources(new EnvConfigSource(Map.of(
                        "FLYWHEEL_SECURITY_API_KEYS_OPS_KEY", "ops-key-0123456789abcdef",
                        "FLYWHEEL_SECURITY_API_KEYS_OPS_ROLES", "admin,read",
                        "FLYWHEEL_SECURITY_API_KEYS_FEEDER_KEY", "feeder-key-0123456789abcdef",
                        "FLYWHEEL_SECURITY_API_KEYS_FEEDER_ROLES", "ingest"), 300))
                .withMapping(PlatformConfig.class)
                .build();

        // When the platform settings are read
        PlatformConfig platform = config.getConfigMapping(PlatformConfig.class);
        ApiKeys keys = new ApiKeys(platform.security().apiKeys());

        // Then authentication is on, and each key belongs to its client with its roles
        assertThat(platform.security().enabled()).isTrue();
        assertThat(keys.size()).isEqualTo(2);
        assertThat(keys.match("ops-key-0123456789abcdef"))
                .contains(new ApiKeys.ApiClient("ops", Set.of("admin", "read")));
        assertThat(keys.match("feeder-key-0123456789abcdef"))
                .contains(new ApiKeys.ApiClient("feeder", Set.of("ingest")));
    }

    @Test
    void authenticationIsOnUnlessTurnedOff() {
        SmallRyeConfig off = platformConfig()
                .withSources(new PropertiesConfigSource(Map.of("flywheel.security.enabled", "false"), "test", 300))
                .withMapping(PlatformConfig.class)
                .build();
        SmallRyeConfig unset = platformConfig().withMapping(PlatformConfig.class).build();

        assertThat(off.getConfigMapping(PlatformConfig.class).security().enabled()).isFalse();
        assertThat(unset.getConfigMapping(PlatformConfig.class).security().enabled()).isTrue();
        assertThat(unset.getConfigMapping(PlatformConfig.class).security().apiKeys()).isEmpty();
    }
}

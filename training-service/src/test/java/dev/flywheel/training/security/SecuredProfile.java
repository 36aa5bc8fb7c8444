package dev.flywheel.training.security;

import java.util.Map;

import dev.flywheel.testing.TestApiKeys;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Authentication on, with one test client per role, and SASL settings for every Kafka client. The broker of the
 * tests speaks PLAINTEXT, which ignores SASL settings, so the service still connects; the settings show whether
 * they reach the clients.
 */
public class SecuredProfile implements QuarkusTestProfile {

    static final String SASL_MECHANISM = "SCRAM-SHA-512";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = TestApiKeys.enabled();
        config.put("kafka.sasl.mechanism", SASL_MECHANISM);
        config.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"flywheel\" password=\"training-scram-secret\";");
        return config;
    }
}

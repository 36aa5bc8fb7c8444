package dev.flywheel.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.kafka.client.runtime.KafkaRuntimeConfigProducer;
import io.quarkus.runtime.ApplicationConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * SASL_SSL with SCRAM and a trust store, set once as {@code KAFKA_*} environment variables, reach every kind of
 * Kafka client a service runs: Quarkus turns them into the {@code default-kafka-broker} settings (the real
 * {@link KafkaRuntimeConfigProducer}); the plain clients take them through {@link KafkaClientConfig}; Kafka Streams
 * starts from the same map (Quarkus's KafkaStreamsProducer puts all of it into the streams properties) and hands
 * them to its own consumers, producers and admin client. Each client's own config class parses them here.
 * (SmallRye channels merge the same map into every channel: TrainingAuthTest reads a live channel's settings.)
 */
class KafkaSecurityPassthroughTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"flywheel\" password=\"scram-secret-123\";";
    private static Map<String, Object> defaultBroker;

    @BeforeAll
    static void settingsFromTheEnvironment() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("kafka.bootstrap.servers", "broker-1:9093"), "app", 250))
                .withSources(new EnvConfigSource(Map.of(
                        "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                        "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                        "KAFKA_SASL_JAAS_CONFIG", JAAS,
                        "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/flywheel/kafka-truststore.p12",
                        "KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12",
                        "KAFKA_SSL_TRUSTSTORE_PASSWORD", "truststore-secret-456"), 300))
                .build();
        defaultBroker = new KafkaRuntimeConfigProducer().createKafkaRuntimeConfig(config, new ApplicationConfig() {
            @Override
            public Optional<String> name() {
                return Optional.of("test-service");
            }

            @Override
            public Optional<String> version() {
                return Optional.empty();
            }

            @Override
            public Optional<String> uiHeader() {
                return Optional.empty();
            }
        });
    }

    @Test
    void plainAdminProducerAndConsumerGetTheSecuritySettings() {
        // Given the connection settings a service's own clients start from
        Map<String, Object> connection = KafkaClientConfig.connection(defaultBroker);

        // When each kind of client parses them / Then every one is secured the same way
        Map<String, Object> producer = new HashMap<>(connection);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        Map<String, Object> consumer = new HashMap<>(connection);
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);

        assertSecured(new AdminClientConfig(connection));
        assertSecured(new ProducerConfig(producer));
        assertSecured(new ConsumerConfig(consumer));
        assertThat(connection).containsEntry("bootstrap.servers", "broker-1:9093");
    }

    @Test
    void kafkaStreamsAndItsInnerClientsGetTheSecuritySettings() {
        // Given the streams properties as Quarkus builds them: the default-kafka-broker map, then the application id
        Properties properties = new Properties();
        properties.putAll(defaultBroker);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "feature-service");

        // When Kafka Streams derives its clients' configs
        StreamsConfig streams = new StreamsConfig(properties);

        // Then each inner client carries the same security settings
        for (Map<String, Object> inner : java.util.List.of(
                streams.getMainConsumerConfigs("feature-service", "client", 0),
                streams.getRestoreConsumerConfigs("client"),
                streams.getGlobalConsumerConfigs("client"),
                streams.getProducerConfigs("client"),
                streams.getAdminConfigs("client"))) {
            assertThat(inner).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("ssl.truststore.location", "/etc/flywheel/kafka-truststore.p12")
                    .containsKey("sasl.jaas.config")
                    .containsKey("ssl.truststore.password");
        }
    }

    private static void assertSecured(AbstractConfig config) {
        assertThat(config.getString("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(config.getString("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(config.getPassword("sasl.jaas.config").value()).isEqualTo(JAAS);
        assertThat(config.getString("ssl.truststore.location")).isEqualTo("/etc/flywheel/kafka-truststore.p12");
        assertThat(config.getString("ssl.truststore.type")).isEqualTo("PKCS12");
        assertThat(config.getPassword("ssl.truststore.password").value()).isEqualTo("truststore-secret-456");
    }
}

package dev.flywheel.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class KafkaBrokerTestResourceTest {

    @Test
    void everyTestClassGetsTheSameBrokerWithItsTopicsCreated() throws Exception {
        // Given two test resources, as two test classes or profiles would declare them
        String topic = "resource-test-" + UUID.randomUUID();
        KafkaBrokerTestResource first = new KafkaBrokerTestResource();
        first.init(Map.of(KafkaBrokerTestResource.TOPICS, topic + ", " + topic + "-dlq",
                KafkaBrokerTestResource.PARTITIONS, "2"));
        KafkaBrokerTestResource second = new KafkaBrokerTestResource();
        second.init(Map.of());

        // When both start
        Map<String, String> firstConfig = first.start();
        Map<String, String> secondConfig = second.start();
        first.stop();

        // Then both point Quarkus at the one shared broker
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        // (this module has no Kafka Streams, so no quarkus.kafka-streams key, which Quarkus would flag as unknown)
        assertThat(firstConfig).containsOnly(Map.entry("kafka.bootstrap.servers", bootstrap));
        assertThat(secondConfig).isEqualTo(firstConfig);

        // And stopping a resource left it running, with the requested topics
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var topics = admin.describeTopics(List.of(topic, topic + "-dlq")).allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(topics.get(topic).partitions()).hasSize(2);
            assertThat(topics.get(topic + "-dlq").partitions()).hasSize(2);
        }
        KafkaClients.produce(bootstrap, List.of(new ProducerRecord<>(topic, "k", "v")));
        assertThat(KafkaClients.consumeAll(bootstrap, topic, 1)).extracting(ConsumerRecord::value).containsExactly("v");
    }

    @Test
    void theSharedBrokerIsPublishedForOtherClassLoadersOfThisJvm() {
        // Given the shared broker of this JVM
        KafkaBroker broker = KafkaBroker.shared();

        // Then a class loader that starts later finds its address (unless an external broker was named)
        if (System.getenv(KafkaBroker.BOOTSTRAP_ENV) == null) {
            assertThat(System.getProperty(SharedKafkaBroker.ADDRESS_PROPERTY)).isEqualTo(broker.bootstrapServers());
        }
        assertThat(KafkaBroker.shared()).isSameAs(broker);
    }
}

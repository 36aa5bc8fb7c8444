package dev.flywheel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.kafka.local.KafkaBroker;
import dev.flywheel.kafka.local.KafkaTopics;

/** The simulator's Kafka sink against a real broker: every event and label arrives, keyed and shaped as promised. */
class KafkaEventSinkTest {

    @Test
    void aSimulatedWeekArrivesOnTheRawTopicsKeyedByTransactionId() throws Exception {
        String pipeline = "sim-" + UUID.randomUUID().toString().substring(0, 8);
        Topic<String, String> events = Topics.rawEvents(pipeline);
        Topic<String, String> labels = Topics.rawLabels(pipeline);
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        KafkaTopics.create(bootstrap, List.of(events.name(), labels.name()), 2);
        SimulationConfig config = SimulationConfig.standard().withPopulation(50, 100).withDays(7).withSeed(3);

        SimulationRun.Summary summary;
        try (KafkaEventSink sink = KafkaEventSink.connect(bootstrap, events, labels)) {
            summary = new SimulationRun(Pacer.unpaced(), new ProgressReporter(config.start(), new Simulation(config).endOf(7), Duration.ofMinutes(1)))
                    .run(new Simulation(config).events(), sink);
        }

        List<ConsumerRecord<String, String>> transactions = readAll(bootstrap, events.name(), summary.transactions());
        List<ConsumerRecord<String, String>> labelRecords = readAll(bootstrap, labels.name(), summary.labels());
        assertThat(summary.transactions()).isPositive();
        assertThat(transactions).hasSize((int) summary.transactions());
        assertThat(labelRecords).hasSize((int) summary.labels());
        ConsumerRecord<String, String> first = transactions.get(0);
        JsonNode transaction = Json.mapper().readTree(first.value());
        assertThat(first.key()).isEqualTo(transaction.get("transaction_id").asText());
        assertThat(transaction.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("transaction_id", "tx_datetime", "customer_id", "terminal_id", "tx_amount");
        JsonNode label = Json.mapper().readTree(labelRecords.get(0).value());
        assertThat(label.has("tx_fraud")).isTrue();
        assertThat(label.has("label_time")).isTrue();
    }

    private static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic, long expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return read.size() >= expected;
            });
        }
        return read;
    }
}

package dev.flywheel.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaBrokerTest {

    @Test
    void recordsComeBackWithTheirKeysAndInOrderWithinEachPartition() throws Exception {
        // Given a fresh broker with a three-partition topic
        LocalKafkaBroker broker = LocalKafkaBroker.start(BrokerOptions.defaults());
        try (broker) {
            System.out.printf("Child-JVM broker started in %d ms%n", broker.startupTime().toMillis());
            KafkaTopics.create(broker.bootstrapServers(), List.of("orders"), 3);

            // When 30 records under three keys are produced
            List<ProducerRecord<String, String>> sent = IntStream.range(0, 30)
                    .mapToObj(i -> new ProducerRecord<>("orders", "customer-" + (i % 3), "order-" + i))
                    .toList();
            KafkaClients.produce(broker.bootstrapServers(), sent);

            // Then all come back, each key in one partition, in the order they were sent
            List<ConsumerRecord<String, String>> received =
                    KafkaClients.consumeAll(broker.bootstrapServers(), "orders", sent.size());
            assertThat(received).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrderElementsOf(sent.stream().map(ProducerRecord::value).toList());
            Map<String, List<ConsumerRecord<String, String>>> byKey =
                    received.stream().collect(Collectors.groupingBy(ConsumerRecord::key));
            assertThat(byKey).containsOnlyKeys("customer-0", "customer-1", "customer-2");
            byKey.forEach((key, records) -> {
                assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
                assertThat(records).extracting(ConsumerRecord::value).containsExactlyElementsOf(sent.stream()
                        .filter(record -> record.key().equals(key)).map(ProducerRecord::value).toList());
                assertThat(records).extracting(ConsumerRecord::offset).isSorted();
            });
        }

        // And closing it ends the JVM and deletes its temporary directory
        assertThat(broker.process().isAlive()).isFalse();
        assertThat(broker.directory()).doesNotExist();
    }

    @Test
    void recordsSurviveARestartOnTheSameDirectory(@TempDir Path dir) {
        // Given records written to a broker on a directory of its own, which is then stopped
        BrokerOptions options = BrokerOptions.defaults().withDirectory(dir);
        List<ProducerRecord<String, String>> sent = IntStream.range(0, 5)
                .mapToObj(i -> new ProducerRecord<>("ledger", "k" + i, "entry-" + i))
                .toList();
        String clusterId;
        try (LocalKafkaBroker first = LocalKafkaBroker.start(options)) {
            KafkaTopics.create(first.bootstrapServers(), List.of("ledger"), 1);
            KafkaClients.produce(first.bootstrapServers(), sent);
            clusterId = first.clusterId();
        }
        assertThat(dir.resolve("data/meta.properties")).exists();

        // When a new broker starts on that directory (on other ports)
        try (LocalKafkaBroker second = LocalKafkaBroker.start(options)) {
            System.out.printf("Restarted broker on a formatted directory in %d ms%n",
                    second.startupTime().toMillis());

            // Then it is the same cluster and the earlier records are still there, in order
            assertThat(second.clusterId()).isEqualTo(clusterId);
            assertThat(KafkaClients.consumeAll(second.bootstrapServers(), "ledger", sent.size()))
                    .extracting(ConsumerRecord::key, ConsumerRecord::value)
                    .containsExactlyElementsOf(sent.stream()
                            .map(record -> org.assertj.core.groups.Tuple.tuple(record.key(), record.value()))
                            .toList());
        }
    }

    @Test
    void creatingTopicsAgainKeepsThemAsTheyAre() throws Exception {
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(BrokerOptions.defaults());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            // Given a topic with four partitions
            KafkaTopics.create(broker.bootstrapServers(), List.of("scores"), 4);

            // When it is created again, with another partition count, next to a new one
            KafkaTopics.create(broker.bootstrapServers(), List.of("scores", "alerts"), 2);

            // Then the first keeps its four partitions and the second has two
            var topics = admin.describeTopics(List.of("scores", "alerts")).allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(topics.get("scores").partitions()).hasSize(4);
            assertThat(topics.get("alerts").partitions()).hasSize(2);
        }
    }

    @Test
    void theBrokerExitsWhenTheProcessItWatchesDies() throws Exception {
        // Given a broker watching a throwaway process instead of this JVM
        Process parent = new ProcessBuilder("sleep", "600").start();
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(BrokerOptions.defaults().withParentPid(parent.pid()))) {
            assertThat(broker.process().isAlive()).isTrue();

            // When that process is killed
            parent.destroyForcibly().waitFor();

            // Then the broker JVM exits on its own, and says why
            broker.process().onExit().get(30, TimeUnit.SECONDS);
            assertThat(broker.process().isAlive()).isFalse();
            assertThat(Files.readString(broker.logFile())).contains("Parent process " + parent.pid() + " has gone");
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void aTakenPortGivesAReadableError(@TempDir Path logs) throws IOException {
        // Given the client port is already in use
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            BrokerOptions options = BrokerOptions.defaults().withPorts(port, 0).withLogFile(logs.resolve("broker.log"));

            // When a broker is started on it, Then the first line says why, and the log's tail follows
            assertThatThrownBy(() -> LocalKafkaBroker.start(options))
                    .isInstanceOf(BrokerStartException.class)
                    .satisfies(e -> System.out.println("Start failure reads:\n" + e.getMessage()))
                    .hasMessageStartingWith("Kafka broker JVM exited with code 1 before it was ready")
                    .hasMessageFindingMatch("(?m)\\A.*Socket server failed to bind to 127\\.0\\.0\\.1:" + port
                            + ": Address already in use")
                    .hasMessageContaining("Last lines of " + logs.resolve("broker.log"))
                    .hasMessageNotContaining("\tat ");
        }
    }

    @Test
    void aBrokerKilledMidStreamComesBackOnItsPortsWithEveryAcknowledgedRecordOnce() throws Exception {
        // Given a broker, a three-partition topic and an idempotent producer (acks=all) that stays open
        LocalKafkaBroker first = LocalKafkaBroker.start(BrokerOptions.defaults());
        LocalKafkaBroker second = null;
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (first) {
            KafkaTopics.create(first.bootstrapServers(), List.of("payments"), 3);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                    new StringSerializer(), new StringSerializer())) {
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    String value = "payment-" + i;
                    sends.add(producer.send(new ProducerRecord<>("payments", "card-" + (i % 7), value),
                            (metadata, error) -> {
                                if (error == null) {
                                    acknowledged.add(value);
                                }
                            }));
                }
                producer.flush();

                // When the broker JVM is killed (SIGKILL) while the next 300 are in flight, and started again
                for (int i = 300; i < 600; i++) {
                    String value = "payment-" + i;
                    sends.add(producer.send(new ProducerRecord<>("payments", "card-" + (i % 7), value),
                            (metadata, error) -> {
                                if (error == null) {
                                    acknowledged.add(value);
                                }
                            }));
                }
                long stopped = System.nanoTime();
                second = first.restart(LocalKafkaBroker.Stop.KILL);
                System.out.printf("Broker killed and back on %s in %d ms%n", second.bootstrapServers(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));
                producer.flush();
                for (Future<RecordMetadata> send : sends) {
                    send.get(2, TimeUnit.MINUTES);
                }
            }

            // Then it listens on the same port, and every acknowledged record is on the topic exactly once
            assertThat(second.bootstrapServers()).isEqualTo(first.bootstrapServers());
            assertThat(first.process().isAlive()).isFalse();
            assertThat(acknowledged).hasSize(600);
            List<String> values = KafkaClients.consumeAll(second.bootstrapServers(), "payments", 600).stream()
                    .map(ConsumerRecord::value).toList();
            assertThat(values).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(acknowledged);
        } finally {
            if (second != null) {
                second.close();
            }
        }
        // And closing the restarted broker deletes the temporary directory the first one made
        assertThat(first.directory()).doesNotExist();
    }
}

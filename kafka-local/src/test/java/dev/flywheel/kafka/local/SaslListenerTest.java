package dev.flywheel.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's SASL listener against real clients: SCRAM-SHA-512 users created at format time are let in, a
 * wrong password or no login is refused by the broker; over SASL_SSL the client also checks the broker's
 * certificate. The PLAINTEXT listener stays as before.
 */
class SaslListenerTest {

    private static final String USER = "ingest-service";
    private static final String PASSWORD = "right-password-4711";
    private static final String WRONG = "wrong-password-0815";

    @Test
    void aUserWithItsPasswordProducesAndConsumesAndAWrongPasswordIsRefused() throws Exception {
        // Given a broker with a SASL_PLAINTEXT listener for one SCRAM user
        SaslListener sasl = SaslListener.scram(Map.of(USER, PASSWORD));
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(BrokerOptions.defaults().withSasl(sasl))) {
            System.out.printf("Broker with a SASL listener started in %d ms%n", broker.startupTime().toMillis());
            KafkaTopics.create(broker.bootstrapServers(), List.of("secured"), 2);
            Map<String, Object> right = settings(broker.saslBootstrapServers(), sasl.clientSettings(USER, PASSWORD));

            // When the user produces and consumes through the SASL listener
            KafkaClients.produce(right, List.of(new ProducerRecord<>("secured", "k1", "v1"),
                    new ProducerRecord<>("secured", "k2", "v2")));

            // Then the records are there, and the listener is a different port from the PLAINTEXT one
            assertThat(KafkaClients.consumeAll(right, "secured", 2)).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("v1", "v2");
            assertThat(broker.saslBootstrapServers()).isNotEqualTo(broker.bootstrapServers());

            // And a wrong password, or no login at all, is refused by the broker
            Map<String, Object> wrong = settings(broker.saslBootstrapServers(), sasl.clientSettings(USER, WRONG));
            assertThatThrownBy(() -> send(wrong))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("Authentication failed during authentication due to invalid credentials "
                            + "with SASL mechanism SCRAM-SHA-512");
            Map<String, Object> unknownUser = settings(broker.saslBootstrapServers(),
                    sasl.clientSettings("someone-else", PASSWORD));
            assertThatThrownBy(() -> send(unknownUser)).hasRootCauseInstanceOf(SaslAuthenticationException.class);
            try (Admin plain = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.saslBootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000))) {
                assertThatThrownBy(() -> plain.describeCluster().clusterId().get(10, TimeUnit.SECONDS))
                        .as("a client without SASL gets no answer from the SASL listener")
                        .isInstanceOf(ExecutionException.class);
            }

            // And neither password reached the broker's configuration or log; the user name did, as a user
            String written = Files.readString(broker.directory().resolve("server.properties"))
                    + Files.readString(broker.logFile());
            assertThat(written).contains("SASL://127.0.0.1:" + broker.saslBootstrapServers().split(":")[1])
                    .contains("listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL:SASL_PLAINTEXT")
                    .doesNotContain(PASSWORD).doesNotContain(WRONG);
        }
    }

    @Test
    void saslSslChecksTheBrokersCertificateAndTheUsersPassword(@TempDir Path dir) throws Exception {
        // Given a self-signed certificate for 127.0.0.1 and a broker with a SASL_SSL listener presenting it
        LoopbackCertificate certificate = LoopbackCertificate.create(dir.resolve("tls"), "store-password-1234");
        SaslListener sasl = SaslListener.scram(Map.of(USER, PASSWORD))
                .withTls(certificate.keyStore(), certificate.password());
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(BrokerOptions.defaults().withSasl(sasl))) {
            System.out.printf("Broker with a SASL_SSL listener started in %d ms%n", broker.startupTime().toMillis());
            KafkaTopics.create(broker.bootstrapServers(), List.of("secured-tls"), 1);
            Map<String, Object> right = settings(broker.saslBootstrapServers(), sasl.clientSettings(USER, PASSWORD));
            right.putAll(trust(certificate));

            // When the user produces and consumes over TLS, verifying the broker's host name
            KafkaClients.produce(right, List.of(new ProducerRecord<>("secured-tls", "k", "over-tls")));

            // Then the record comes back
            assertThat(KafkaClients.consumeAll(right, "secured-tls", 1)).extracting(ConsumerRecord::value)
                    .containsExactly("over-tls");
            assertThat(sasl.securityProtocol()).isEqualTo("SASL_SSL");

            // And a wrong password over TLS is refused
            Map<String, Object> wrong = settings(broker.saslBootstrapServers(), sasl.clientSettings(USER, WRONG));
            wrong.putAll(trust(certificate));
            assertThatThrownBy(() -> send(wrong)).hasRootCauseInstanceOf(SaslAuthenticationException.class);

            // And a client that does not trust the certificate never gets as far as logging in
            Map<String, Object> untrusting = settings(broker.saslBootstrapServers(),
                    sasl.clientSettings(USER, PASSWORD));
            assertThatThrownBy(() -> send(untrusting)).hasCauseInstanceOf(SslAuthenticationException.class);
        }
    }

    @Test
    void aRestartKeepsTheSaslPortAndTheUsersTheStorageWasFormattedWith() throws Exception {
        // Given a broker with a SASL listener and a record written through it
        SaslListener sasl = SaslListener.scram(Map.of(USER, PASSWORD));
        LocalKafkaBroker first = LocalKafkaBroker.start(BrokerOptions.defaults().withSasl(sasl));
        LocalKafkaBroker second = null;
        try {
            KafkaTopics.create(first.bootstrapServers(), List.of("kept"), 1);
            KafkaClients.produce(settings(first.saslBootstrapServers(), sasl.clientSettings(USER, PASSWORD)),
                    List.of(new ProducerRecord<>("kept", "k", "before-restart")));

            // When it is stopped and started again on the same directory
            second = first.restart(LocalKafkaBroker.Stop.GRACEFUL);

            // Then the SASL listener is back on its port, and the user (from the formatted storage) still logs in
            assertThat(second.saslBootstrapServers()).isEqualTo(first.saslBootstrapServers());
            assertThat(KafkaClients.consumeAll(settings(second.saslBootstrapServers(),
                    sasl.clientSettings(USER, PASSWORD)), "kept", 1)).extracting(ConsumerRecord::value)
                    .containsExactly("before-restart");
        } finally {
            if (second != null) {
                second.close();
            } else {
                first.close();
            }
        }
    }

    @Test
    void theListenerRefusesUnquotablePasswordsWithoutShowingThem() {
        assertThatThrownBy(() -> SaslListener.scram(Map.of(USER, "has\"quote-and,comma")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SaslListener.users: the password of 'ingest-service' must be letters, digits, '.', '_' or '-'");
        assertThat(SaslListener.scram(Map.of(USER, PASSWORD)).toString()).doesNotContain(PASSWORD).contains(USER);
        assertThatThrownBy(() -> SaslListener.scram(Map.of()))
                .hasMessageStartingWith("SaslListener.users: at least one user is needed");
    }

    private static Map<String, Object> settings(String bootstrap, Map<String, Object> security) {
        Map<String, Object> settings = new HashMap<>(security);
        settings.put("bootstrap.servers", bootstrap);
        return settings;
    }

    private static Map<String, Object> trust(LoopbackCertificate certificate) {
        return Map.of("ssl.truststore.location", certificate.trustStore().toString(),
                "ssl.truststore.type", "PKCS12",
                "ssl.truststore.password", certificate.password());
    }

    /** One record, acknowledged or failed within a few seconds (an authentication failure is not retried). */
    private static void send(Map<String, Object> settings) throws Exception {
        Map<String, Object> producer = new HashMap<>(settings);
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (KafkaProducer<String, String> client = new KafkaProducer<>(producer, new StringSerializer(),
                new StringSerializer())) {
            client.send(new ProducerRecord<>("secured", "k", "v")).get(20, TimeUnit.SECONDS);
        }
    }
}

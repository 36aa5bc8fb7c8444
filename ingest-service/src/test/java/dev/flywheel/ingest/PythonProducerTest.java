package dev.flywheel.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.event.RecordRejected;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A Python producer (Debian's {@code python3-confluent-kafka}, librdkafka underneath) sending labels to a
 * pipeline's raw labels topic: they are judged like labels posted over HTTP.
 *
 * <p>Needs {@code /usr/bin/python3} with {@code confluent_kafka}; {@code ./flywheel test} installs the package.
 * Without it the test fails rather than skips.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class PythonProducerTest {

    private static final String PIPELINE = "card-fraud";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/resources/python/produce.py");

    @Test
    void labelsFromAPythonProducerAreJudgedLikeHttpOnes() throws Exception {
        // Given a fraud label and one whose value is not a binary label, keyed by the labelled event ids
        String fraud = UUID.randomUUID().toString();
        String unreadable = UUID.randomUUID().toString();
        List<String> lines = List.of(
                fraud + ":{\"transaction_id\":\"" + fraud + "\",\"tx_fraud\":1,\"label_time\":\"2018-04-03T10:00:00Z\"}",
                unreadable + ":{\"transaction_id\":\"" + unreadable + "\",\"tx_fraud\":\"maybe\"}");

        // When a Python program produces them to the raw labels topic
        produce(Topics.rawLabels(PIPELINE).name(), lines);

        // Then the fraud label is on the labels topic, the other on the rejected topic naming the label field
        try (var labels = TopicProbe.of(Topics.labels(PIPELINE));
             var rejected = TopicProbe.of(Topics.rejected(PIPELINE))) {
            LabelReceived label = labels.await(l -> l.targetEventId().equals(fraud), WAIT);
            assertThat(label.value()).isEqualTo(1.0);
            RecordRejected refused = rejected.await(r -> r.raw().contains(unreadable), WAIT);
            assertThat(refused.kind()).isEqualTo("label");
            assertThat(refused.source()).isEqualTo("kafka");
            assertThat(refused.violations()).anySatisfy(v -> assertThat(v.field()).isEqualTo("tx_fraud"));
            assertThat(labels.seen()).noneMatch(l -> l.targetEventId().equals(unreadable));
        }
    }

    private static void produce(String topic, List<String> keyedLines) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            fail("%s is missing: run ./flywheel test, which installs python3-confluent-kafka", PYTHON);
        }
        Path output = Files.createTempFile("python-producer", ".log");
        Process python = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), bootstrap(), topic)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try (OutputStream stdin = python.getOutputStream()) {
            stdin.write((String.join("\n", keyedLines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!python.waitFor(60, TimeUnit.SECONDS)) {
            python.destroyForcibly();
            fail("the Python producer did not finish; its output: %s", Files.readString(output));
        }
        String log = Files.readString(output);
        assertThat(python.exitValue()).as("the Python producer's exit status; run ./flywheel test to install "
                + "python3-confluent-kafka if it is missing; output: %s", log).isZero();
        Files.deleteIfExists(output);
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}

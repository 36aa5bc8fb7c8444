package dev.flywheel.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.RecordRejected;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A non-Java client producing to a pipeline's raw topic is validated like HTTP input: Debian's {@code kcat}
 * (librdkafka) sends keyed lines to {@code flywheel.card-fraud.events.raw} on the test broker; the valid
 * transaction reaches the events topic, the invalid ones the rejected topic with their reasons.
 *
 * <p>Needs the {@code kcat} program; {@code ./flywheel test} installs it. Without it the test fails rather
 * than skips, so a CI run cannot pass without having checked the non-Java path.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class KcatProducerTest {

    private static final String PIPELINE = "card-fraud";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void keyedLinesFromKcatAreValidatedLikeHttpOnes() throws Exception {
        // Given a valid transaction, one with a negative amount and a line that is not JSON, keyed by their ids
        String good = UUID.randomUUID().toString();
        String negative = UUID.randomUUID().toString();
        String garbled = UUID.randomUUID().toString();
        List<String> lines = List.of(
                good + ":" + transaction(good, 57.16),
                negative + ":" + transaction(negative, -3),
                garbled + ":{\"transaction_id\": \"" + garbled + "\", ");

        // When kcat produces them to the raw topic
        Kcat.produce(bootstrap(), Topics.rawEvents(PIPELINE).name(), lines);

        // Then the valid one is an event from source "kafka", the others are rejected with their reasons
        try (var events = TopicProbe.of(Topics.events(PIPELINE));
             var rejected = TopicProbe.of(Topics.rejected(PIPELINE))) {
            EventIngested accepted = events.await(e -> e.eventId().equals(good), WAIT);
            assertThat(accepted.source()).isEqualTo("kafka");
            assertThat(accepted.eventTime()).isEqualTo(Instant.parse("2018-04-01T00:07:56Z"));
            assertThat(accepted.payload().get("tx_amount").decimalValue()).isEqualByComparingTo("57.16");

            RecordRejected refused = rejected.await(r -> r.raw().contains(negative), WAIT);
            assertThat(refused.source()).isEqualTo("kafka");
            assertThat(refused.kind()).isEqualTo("event");
            assertThat(refused.violations()).anySatisfy(v -> assertThat(v.field()).isEqualTo("tx_amount"));

            RecordRejected unreadable = rejected.await(r -> r.raw().contains(garbled), WAIT);
            assertThat(unreadable.violations()).anySatisfy(v -> assertThat(v.field()).isEqualTo("$"));

            assertThat(events.seen()).noneMatch(e -> e.eventId().equals(negative) || e.eventId().equals(garbled));
        }
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static String transaction(String id, double amount) throws JsonProcessingException {
        ObjectNode tx = Json.mapper().createObjectNode();
        tx.put("transaction_id", id);
        tx.put("tx_datetime", "2018-04-01T00:07:56Z");
        tx.put("customer_id", "758");
        tx.put("terminal_id", "3156");
        tx.put("tx_amount", amount);
        return Json.mapper().writeValueAsString(tx);
    }

    /** Runs Debian's kcat as a producer: keyed lines on stdin ({@code key:value}, split at the first colon). */
    private static final class Kcat {

        private static final Duration RUN_LIMIT = Duration.ofSeconds(30);

        static void produce(String bootstrap, String topic, List<String> keyedLines)
                throws IOException, InterruptedException {
            Path output = Files.createTempFile("kcat", ".log");
            Process kcat = new ProcessBuilder(program(), "-P", "-b", bootstrap, "-t", topic, "-K:")
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            try (OutputStream stdin = kcat.getOutputStream()) {
                stdin.write((String.join("\n", keyedLines) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            // At the end of its input kcat waits for the broker's acknowledgements, then exits.
            if (!kcat.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                kcat.destroyForcibly();
                fail("kcat did not finish producing to %s within %s; its output: %s", topic, RUN_LIMIT,
                        Files.readString(output));
            }
            assertThat(kcat.exitValue()).as("kcat's exit status; its output: %s", Files.readString(output))
                    .isZero();
            Files.deleteIfExists(output);
        }

        private static String program() {
            String path = System.getenv().getOrDefault("PATH", "");
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, "kcat");
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
            return fail("kcat is not installed (not found on PATH %s): run ./flywheel test, which installs the "
                    + "test packages, or apt-get install kcat", path);
        }
    }
}

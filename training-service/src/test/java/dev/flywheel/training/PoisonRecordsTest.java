package dev.flywheel.training;

import static dev.flywheel.testing.PoisonRecords.awaitDeadLetter;
import static dev.flywheel.testing.PoisonRecords.garbage;
import static dev.flywheel.testing.PoisonRecords.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.TopicPublisher;
import dev.flywheel.testing.PoisonRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A poison record on the drift topic, the one topic training consumes as a stream, produced to the real broker: it
 * lands on the dead-letter topic with its reason (SmallRye's dead-letter-queue failure strategy), and the drift
 * verdict after it is still judged.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class PoisonRecordsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A pipeline no spec declares: its verdicts are only counted, so the test starts no training. */
    private static final String ELSEWHERE = "not-loaded-here";

    @Inject
    TopicPublisher publisher;
    @Inject
    MeterRegistry meters;

    @Test
    void garbageOnTheDriftTopicIsDeadLetteredAndTheNextVerdictIsJudged() {
        // Given the drift channel reads (it starts at the latest offset, so wait until a verdict is counted)
        await().atMost(WAIT).until(() -> {
            drift();
            return unknownPipelineVerdicts() > 0;
        });

        // When garbage and then a verdict arrive
        String poison = "poison-" + UUID.randomUUID();
        PoisonRecords.produce(Topics.drift(), poison, garbage(poison));
        double before = unknownPipelineVerdicts();
        drift();

        // Then the garbage is a dead letter saying why, and the verdict after it was judged
        ConsumerRecord<byte[], byte[]> letter = awaitDeadLetter(poison, WAIT);
        assertThat(header(letter, "dead-letter-reason")).isNotBlank();
        assertThat(header(letter, "dead-letter-topic")).isEqualTo(Topics.drift().name());
        assertThat(letter.value()).isEqualTo(garbage(poison));
        await().atMost(WAIT).until(() -> unknownPipelineVerdicts() > before);
    }

    private void drift() {
        publisher.publish(Topics.drift(), ELSEWHERE, new DriftDetected("d-" + UUID.randomUUID(), 1, ELSEWHERE, "1",
                DriftDetected.Kind.ACCURACY, "average_precision", 0.1, 0.2, 0.5, Instant.now(), Instant.now(),
                Instant.now(), Map.of())).toCompletableFuture().join();
    }

    private double unknownPipelineVerdicts() {
        Counter counter = meters.find("flywheel.training.drift.decisions").tags("pipeline", ELSEWHERE,
                "decision", "unknown_pipeline").counter();
        return counter == null ? 0 : counter.count();
    }
}

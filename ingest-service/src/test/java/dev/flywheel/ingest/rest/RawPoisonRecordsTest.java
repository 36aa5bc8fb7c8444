package dev.flywheel.ingest.rest;

import static dev.flywheel.ingest.rest.IngestFixtures.PIPELINE;
import static dev.flywheel.ingest.rest.IngestFixtures.awaitEvents;
import static dev.flywheel.ingest.rest.IngestFixtures.transaction;
import static dev.flywheel.ingest.rest.IngestFixtures.uniqueId;
import static dev.flywheel.testing.PoisonRecords.garbage;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.RecordRejected;
import dev.flywheel.contracts.event.SourcePositionSaved;
import dev.flywheel.ingest.source.SourcePositions;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.TopicPublisher;
import dev.flywheel.testing.PoisonRecords;
import dev.flywheel.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Poison records on a loaded pipeline's raw topics, produced to the real broker: bytes that are not JSON (nor
 * UTF-8) are kept on the pipeline's rejected topic with the reason (its dead letters: a person can see and replay
 * them there), and the valid record after them is ingested. A raw topic of no loaded pipeline goes to
 * {@code flywheel.deadletter} instead ({@code RawAndHttpIngestTest}). An unreadable saved source position is passed
 * over for the last readable one, so the source still starts.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class RawPoisonRecordsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    TopicPublisher publisher;

    @Test
    void garbageOnTheRawTopicsIsRejectedWithAReasonAndTheNextEventIsIngested() {
        // Given garbage on both raw topics, then a valid event
        String mark = uniqueId();
        String good = uniqueId();
        PoisonRecords.produce(Topics.rawEvents(PIPELINE), "poison-" + mark, garbage(mark));
        PoisonRecords.produce(Topics.rawLabels(PIPELINE), "poison-" + mark, garbage(mark));
        PoisonRecords.produce(Topics.rawEvents(PIPELINE), good, transaction(good, "5").getBytes(StandardCharsets.UTF_8));

        // Then each garbage record is rejected with a reason, as event and as label
        try (var rejected = TopicProbe.of(Topics.rejected(PIPELINE))) {
            for (String kind : List.of("event", "label")) {
                RecordRejected refused = rejected.await(r -> r.raw() != null && r.raw().contains(mark)
                        && kind.equals(r.kind()), WAIT);
                assertThat(refused.source()).isEqualTo("kafka");
                assertThat(refused.violations()).isNotEmpty()
                        .allSatisfy(violation -> assertThat(violation.reason()).isNotBlank());
            }
        }
        // And the event after the garbage is ingested
        awaitEvents(List.of(good), WAIT);
    }

    @Test
    void anUnreadablePositionIsPassedOverForTheLastReadableOne() throws Exception {
        // Given a source's saved position, then garbage under the same key (a source used to fail to start on it)
        String source = "poisoned-" + uniqueId().substring(0, 8);
        String key = SourcePositionSaved.key(PIPELINE, source);
        publisher.publish(Topics.sourcePositions(), key, SourcePositionSaved.of(PIPELINE, source, "page-7", 3,
                Instant.now())).toCompletableFuture().get(10, TimeUnit.SECONDS);
        PoisonRecords.produce(Topics.sourcePositions(), key, garbage(source));

        // When the position is read back
        SourcePositions positions = new SourcePositions(Map.of("bootstrap.servers",
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)), WAIT);

        // Then it is the last readable one
        assertThat(positions.latest(PIPELINE, source)).map(SourcePositionSaved::position).contains("page-7");
    }
}

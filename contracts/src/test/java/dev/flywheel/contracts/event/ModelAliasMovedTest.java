package dev.flywheel.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topics;

class ModelAliasMovedTest {

    @Test
    void anAliasMoveKeepsItsKindOnTheModelsTopic() {
        // Given a challenger move as training-service publishes it
        var serde = Topics.models().valueSerde();
        ModelLifecycleEvent moved = new ModelAliasMoved("a-1", ModelAliasMoved.SCHEMA_VERSION, "card-fraud", "5",
                "challenger", "4", "move", "alice", "shadow trial", "http://training:8083/v1/pipelines/card-fraud/models/5",
                Instant.parse("2026-11-27T20:00:00Z"));

        // When it goes through the topic's serde
        byte[] bytes = serde.serializer().serialize("flywheel.models", moved);

        // Then it is read back as itself, tagged with its type for readers that switch on it
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"type\":\"ModelAliasMoved\"");
        assertThat(serde.deserializer().deserialize("flywheel.models", bytes)).isEqualTo(moved);
    }
}

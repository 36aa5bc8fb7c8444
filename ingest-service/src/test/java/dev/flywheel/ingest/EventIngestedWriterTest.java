package dev.flywheel.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.json.RawJson;

class EventIngestedWriterTest {

    private final Serializer<EventIngested> serde = Topics.events("card-fraud").valueSerde().serializer();
    private final EventIngestedWriter writer = new EventIngestedWriter();

    @Test
    void writesTheSameBytesAsTheEventsTopicsSerde() throws Exception {
        // Given events with payloads kept as bytes and as trees, instants with and without fractions, no source
        String text = "{\"transaction_id\":\"t-1\",\"tx_amount\":57.16,\"tx_datetime\":\"2018-04-01T00:00:31Z\","
                + "\"nested\":{\"a\":[1,2.5e-7,null,true]},\"name\":\"Zoë \\\"q\\\"\"}";
        JsonNode tree = Json.mapper().readTree(text);
        byte[] bom = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        List<EventIngested> events = List.of(
                EventIngested.of("t-1", "card-fraud", Instant.parse("2018-04-01T00:00:31Z"),
                        Instant.parse("2026-11-28T02:31:07.123456789Z"), "kafka", RawJson.node(text.getBytes(StandardCharsets.UTF_8))),
                EventIngested.of("t-2", "card-fraud", Instant.ofEpochMilli(1_522_540_831_120L),
                        Instant.parse("2026-11-28T02:31:07.120Z"), "http", tree),
                EventIngested.of("ü-3 \"x\"", "card-fraud", Instant.parse("-0001-01-01T00:00:00Z"),
                        Instant.parse("+12000-01-01T00:00:00.000001Z"), null, RawJson.node(bom)));

        for (EventIngested event : events) {
            // When both write it
            byte[] expected = serde.serialize("t", event);
            byte[] written = writer.serialize("t", event);

            // Then the bytes are the same
            assertEquals(new String(expected, StandardCharsets.UTF_8), new String(written, StandardCharsets.UTF_8));
        }
    }
}

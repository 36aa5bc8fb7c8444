package dev.flywheel.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;

class RawJsonTest {

    private static final Instant T0 = Instant.parse("2018-04-01T00:07:56Z");

    @Test
    void anEventWrittenAroundRawBytesReadsBackAsTheSameEventAsOneWrittenFromTheTree() throws Exception {
        // Given the bytes a producer sent, with spacing and a number form the tree would write differently
        String sent = "{ \"transaction_id\" : \"7\", \"tx_amount\": 57.160, \"note\": \"caf\u00e9 \\\"x\\\"\", \"n\": 1e2 }";
        byte[] utf8 = sent.getBytes(StandardCharsets.UTF_8);
        JsonNode tree = Json.mapper().readTree(utf8);
        var serde = Topics.events("card-fraud").valueSerde();

        // When the event is written once around the raw bytes and once around the parsed tree
        byte[] fromRaw = serde.serializer().serialize("t", EventIngested.of("7", "card-fraud", T0, T0, "kafka",
                RawJson.node(utf8)));
        byte[] fromTree = serde.serializer().serialize("t", EventIngested.of("7", "card-fraud", T0, T0, "kafka", tree));

        // Then the raw form holds the producer's bytes unchanged, and both read back as the same event
        assertThat(new String(fromRaw, StandardCharsets.UTF_8)).contains("\"payload\":" + sent);
        assertThat(serde.deserializer().deserialize("t", fromRaw))
                .isEqualTo(serde.deserializer().deserialize("t", fromTree));
    }

    @Test
    void aLeadingByteOrderMarkIsLeftOutSoTheWrittenEventStaysValidJson() throws Exception {
        byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '"', 'a', '"', ':', '1', '}'};
        var serde = Topics.events("card-fraud").valueSerde();

        byte[] written = serde.serializer().serialize("t", EventIngested.of("1", "card-fraud", T0, T0, "kafka",
                RawJson.node(withBom)));

        assertThat(serde.deserializer().deserialize("t", written).payload())
                .isEqualTo(Json.mapper().readTree("{\"a\":1}"));
    }

    @Test
    void writesTheSameBytesWhenTheGeneratorsBufferIsAlmostFull() throws Exception {
        // A value longer than Jackson's output buffer takes the copying path instead of appending in place
        String big = "{\"text\":\"" + "x".repeat(20_000) + "\"}";
        var serde = Topics.events("card-fraud").valueSerde();

        byte[] written = serde.serializer().serialize("t", EventIngested.of("1", "card-fraud", T0, T0, "kafka",
                RawJson.node(big.getBytes(StandardCharsets.UTF_8))));

        assertThat(serde.deserializer().deserialize("t", written).payload().get("text").asText()).hasSize(20_000);
    }
}

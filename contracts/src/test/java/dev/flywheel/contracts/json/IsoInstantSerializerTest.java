package dev.flywheel.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class IsoInstantSerializerTest {

    @Test
    void writesEveryInstantAsTheJdksIsoFormatterDoes() throws Exception {
        // Given edge cases of each fraction width, the fast path's ends, signed years beyond them, and random instants
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2018-04-01T00:07:56Z"),
                Instant.parse("2018-04-01T00:07:56.100Z"), Instant.parse("2018-04-01T00:07:56.000100Z"),
                Instant.parse("2018-04-01T00:07:56.000000001Z"), Instant.parse("2024-02-29T23:59:59.999999999Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.5Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.ofEpochSecond(-1, 1), Instant.now()));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-70_000_000_000L, 260_000_000_000L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(second, nanos));
        }

        // Then the shared mapper writes each as Instant.toString() (the ISO_INSTANT formatter) does, and reads it back
        for (Instant instant : instants) {
            String written = Json.mapper().writeValueAsString(instant);
            assertThat(written).isEqualTo("\"" + instant + "\"");
            assertThat(new String(Json.mapper().writeValueAsBytes(instant), StandardCharsets.UTF_8))
                    .isEqualTo("\"" + instant + "\"");
            assertThat(Json.mapper().readValue(written, Instant.class)).isEqualTo(instant);
        }
    }
}

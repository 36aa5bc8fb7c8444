package dev.flywheel.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The direct reading of {@code ...Z} instants gives exactly what {@link Instant#parse} gives, and nothing more. */
class TimestampFormatTest {

    @Test
    void readsEveryUtcInstantAsInstantParseDoes() {
        // Given many instants written with 0 to 9 fraction digits, across centuries and leap years
        SplittableRandom random = new SplittableRandom(42);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 32_000_000_000L),
                    random.nextInt(1_000_000_000));
            String full = instant.toString(); // ISO with 0, 3, 6 or 9 fraction digits
            texts.add(full);
            String seconds = full.substring(0, 19);
            int digits = random.nextInt(10);
            String fraction = String.format("%09d", instant.getNano()).substring(0, digits);
            texts.add(seconds + (digits == 0 ? "" : "." + fraction) + "Z");
        }

        // Then the direct reading agrees with the JDK's on each
        for (String text : texts) {
            assertThat(TimestampFormat.readUtc(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void leavesEveryOtherShapeToTheJdkAndAgreesOnTheVerdict() {
        List<String> others = List.of("2018-02-29T00:00:00Z", "2016-02-29T23:59:59Z", "2018-04-31T00:00:00Z",
                "2018-13-01T00:00:00Z", "2018-04-01T24:00:00Z", "2018-04-01T23:60:00Z", "2018-04-01T23:59:60Z",
                "2018-04-01T00:00:00.Z", "2018-04-01T00:00:00.1234567890Z", "2018-04-01T00:00:00+02:00",
                "2018-04-01T00:00:00z", "2018-04-01 00:00:00Z", "2018-04-01T00:00:00", "+2018-04-01T00:00:00Z",
                "2018-4-01T00:00:00Z", "２０１８-04-01T00:00:00Z", "2018-04-01T00:00:0xZ", "");
        for (String text : others) {
            Optional<Instant> jdk;
            try {
                jdk = Optional.of(Instant.parse(text));
            } catch (DateTimeParseException refused) {
                jdk = Optional.empty();
            }
            assertThat(TimestampFormat.read(text)).as(text).isEqualTo(jdk);
        }
    }
}

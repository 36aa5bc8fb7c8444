package dev.flywheel.monitor.concept;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.ConceptDetectorSpec;
import dev.flywheel.contracts.spec.DetectorType;

/**
 * Each detector raises its alarms at the same outcomes as the independent Python implementation
 * ({@code src/test/python/concept_drift_reference.py}) on the committed streams (abrupt, gradual, up-and-down,
 * stationary) in {@code src/test/resources/concept-drift/}.
 *
 * <p>DDM and Page–Hinkley must match exactly. ADWIN is asked to match within one clock period (32 outcomes):
 * it only looks for cuts on clock ticks, and a cut bound met by a hair (the two implementations' logarithms may
 * differ in the last bit) would move the alarm to the next tick, never further.
 */
class ReferenceVectorsTest {

    private static final JsonNode ALARMS = readJson("alarms.json");

    @ParameterizedTest
    @ValueSource(strings = {"abrupt", "gradual", "abrupt_up_down", "stationary"})
    void ddmMatchesTheReference(String stream) {
        assertAlarms(stream, DetectorType.DDM, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abrupt", "gradual", "abrupt_up_down", "stationary"})
    void pageHinkleyMatchesTheReference(String stream) {
        assertAlarms(stream, DetectorType.PAGE_HINKLEY, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abrupt", "gradual", "abrupt_up_down", "stationary"})
    void adwinMatchesTheReferenceWithinOneClockPeriod(String stream) {
        assertAlarms(stream, DetectorType.ADWIN, ConceptDetectorSpec.Adwin.DEFAULT_CLOCK);
    }

    private static void assertAlarms(String stream, DetectorType type, long tolerance) {
        // Given the committed stream and the reference's alarm indices
        double[] errors = readStream(stream);
        List<Long> expected = new ArrayList<>();
        ALARMS.path(stream).path(type.keyword()).forEach(index -> expected.add(index.asLong()));
        Supplier<ErrorStreamDetector> fresh = () -> ErrorStreamDetector.of(ConceptDetectorSpec.defaults(type)).orElseThrow();

        // When the detector with its default parameters reads it
        ErrorStreamDetector detector = fresh.get();
        List<Long> actual = new ArrayList<>();
        for (double error : errors) {
            detector.update(error).ifPresent(alarm -> {
                assertThat(alarm.detector()).isEqualTo(type);
                assertThat(alarm.observed()).as("the statistic crosses its threshold").isGreaterThan(alarm.threshold());
                actual.add(alarm.index());
            });
        }

        // Then it raises the same alarms
        assertThat(actual).as("%s on %s", type, stream).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("alarm %d of %s on %s", i, type, stream)
                    .isBetween(expected.get(i) - tolerance, expected.get(i) + tolerance);
        }
        if (stream.equals("abrupt") || stream.equals("gradual")) {
            assertThat(actual).as("drift at 5000 is found").isNotEmpty().anyMatch(index -> index >= 5000);
        }
    }

    private static double[] readStream(String name) {
        String text = new String(read(name + ".txt"), StandardCharsets.US_ASCII).strip();
        double[] errors = new double[text.length()];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = text.charAt(i) == '1' ? 1 : 0;
        }
        return errors;
    }

    private static JsonNode readJson(String name) {
        try {
            return Json.mapper().readTree(read(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String name) {
        try (InputStream in = ReferenceVectorsTest.class.getResourceAsStream("/concept-drift/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test vector concept-drift/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

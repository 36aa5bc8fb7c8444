package dev.flywheel.monitor.concept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.flywheel.contracts.spec.ConceptDetectorSpec;
import dev.flywheel.contracts.spec.DetectorType;

/**
 * Concept drift on regression: every detector, with the spec's default parameters, fed the residual stream
 * {@link ResidualErrors} derives from predictions and true values, stays quiet while the residuals are as on the
 * holdout and alarms soon after they grow.
 */
class ResidualDriftTest {

    /** Residuals N(0, σ = 2) on the holdout: their MAE is σ·sqrt(2/π). */
    private static final double SIGMA = 2;
    private static final double REFERENCE_MAE = SIGMA * Math.sqrt(2 / Math.PI);
    private static final int STATIONARY = 20_000;
    private static final int SHIFT_AT = 5_000;

    @ParameterizedTest
    @EnumSource(value = DetectorType.class, names = {"ADWIN", "PAGE_HINKLEY", "DDM"})
    void aStationaryResidualStreamRaisesNoAlarm(DetectorType type) {
        // Given a regression version whose live errors are distributed as on its holdout, for 20,000 outcomes
        List<Long> alarms = feed(type, STATIONARY, Integer.MAX_VALUE, 1);

        // Then the detector never alarms
        assertThat(alarms).as(type.keyword()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = DetectorType.class, names = {"ADWIN", "PAGE_HINKLEY", "DDM"})
    void residualsThatGrowRaiseAnAlarmSoonAfterTheShift(DetectorType type) {
        // Given 5,000 outcomes as on the holdout, then the relation changes and the errors' spread doubles
        List<Long> alarms = feed(type, SHIFT_AT + 3_000, SHIFT_AT, 2);

        // Then the first alarm comes after the shift, within 1,000 outcomes of it
        System.out.printf("%s on residuals: first alarm at outcome %s (shift at %d)%n", type.keyword(),
                alarms.isEmpty() ? "none" : alarms.get(0), SHIFT_AT);
        assertThat(alarms).as(type.keyword()).isNotEmpty();
        assertThat(alarms.get(0)).as(type.keyword()).isBetween((long) SHIFT_AT, SHIFT_AT + 1_000L);
    }

    @ParameterizedTest
    @EnumSource(value = DetectorType.class, names = {"ADWIN", "PAGE_HINKLEY"})
    void aBiasedModelIsCaughtToo(DetectorType type) {
        // Given the same spread but, after the shift, every prediction 1.5 σ too low (a level shift of the label)
        ErrorStreamDetector detector = ErrorStreamDetector.of(ConceptDetectorSpec.defaults(type)).orElseThrow();
        ResidualErrors residuals = new ResidualErrors(REFERENCE_MAE, type);
        Random random = new Random(5);
        Long first = null;
        for (int i = 0; i < SHIFT_AT + 3_000 && first == null; i++) {
            double label = 50 + 10 * random.nextGaussian();
            double prediction = label + SIGMA * random.nextGaussian() - (i >= SHIFT_AT ? 1.5 * SIGMA : 0);
            if (detector.update(residuals.input(prediction, label)).isPresent()) {
                first = (long) i;
            }
        }

        // Then it alarms after the shift, within 1,000 outcomes
        assertThat(first).as(type.keyword()).isNotNull().isBetween((long) SHIFT_AT, SHIFT_AT + 1_000L);
    }

    @ParameterizedTest
    @EnumSource(value = DetectorType.class, names = {"ADWIN", "PAGE_HINKLEY", "DDM"})
    void inputsAreBoundedAndMeasuredInReferenceMaes(DetectorType type) {
        // Given the residual mapping of a version whose held-out MAE is 3
        ResidualErrors residuals = new ResidualErrors(3, type);

        // Then an exact prediction is 0, an error of 7 MAEs is 1 (clipped, or exceeding), and 1 MAE is 0.25 or, for
        // DDM, not yet an exceedance
        assertThat(residuals.input(10, 10)).isZero();
        assertThat(residuals.input(10, 31)).isEqualTo(1);
        assertThat(residuals.input(13, 10)).isEqualTo(type == DetectorType.DDM ? 0 : 0.25);
        assertThat(residuals.exceeds(10, 13.5)).isTrue();
        assertThat(residuals.exceeds(10, 12.9)).isFalse();
        assertThatThrownBy(() -> new ResidualErrors(0, type)).hasMessageContaining("reference MAE");
    }

    /** Outcome indexes at which the detector alarmed; the residuals' σ is multiplied by {@code factor} from {@code shiftAt}. */
    private static List<Long> feed(DetectorType type, int outcomes, int shiftAt, double factor) {
        ErrorStreamDetector detector = ErrorStreamDetector.of(ConceptDetectorSpec.defaults(type)).orElseThrow();
        ResidualErrors residuals = new ResidualErrors(REFERENCE_MAE, type);
        Random random = new Random(3);
        List<Long> alarms = new ArrayList<>();
        for (int i = 0; i < outcomes; i++) {
            double label = 50 + 10 * random.nextGaussian();
            double sigma = i >= shiftAt ? SIGMA * factor : SIGMA;
            double prediction = label + sigma * random.nextGaussian();
            Optional<DetectorAlarm> alarm = detector.update(residuals.input(prediction, label));
            if (alarm.isPresent()) {
                alarms.add(alarm.get().index());
            }
        }
        return alarms;
    }
}

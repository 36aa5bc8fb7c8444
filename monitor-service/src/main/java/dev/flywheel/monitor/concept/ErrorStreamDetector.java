package dev.flywheel.monitor.concept;

import java.util.Optional;

import dev.flywheel.contracts.spec.ConceptDetectorSpec;
import dev.flywheel.contracts.spec.DetectorType;

/**
 * A concept-drift detector on an error stream: consumes one outcome at a time (1 = misclassified, 0 = right) and
 * produces a {@link DetectorAlarm} on the outcome where it decides the error rate changed. Pure and
 * allocation-free between alarms; not thread-safe (one per pipeline and served version, fed by one thread).
 */
public interface ErrorStreamDetector {

    /** Feeds the next outcome; the alarm if this outcome completes a detection. */
    Optional<DetectorAlarm> update(double error);

    DetectorType type();

    /** Outcomes fed so far (the alarm index of the next outcome). */
    long seen();

    /** A fresh detector as the spec describes it; empty for {@code none}. */
    static Optional<ErrorStreamDetector> of(ConceptDetectorSpec spec) {
        if (spec instanceof ConceptDetectorSpec.Adwin adwin) {
            return Optional.of(new Adwin(adwin.delta(), adwin.clock()));
        }
        if (spec instanceof ConceptDetectorSpec.Ddm ddm) {
            return Optional.of(new Ddm(ddm.warning(), ddm.drift(), ddm.warmUp()));
        }
        if (spec instanceof ConceptDetectorSpec.PageHinkley ph) {
            return Optional.of(new PageHinkley(ph.delta(), ph.lambda(), ph.alpha(), ph.minInstances()));
        }
        return Optional.empty();
    }
}

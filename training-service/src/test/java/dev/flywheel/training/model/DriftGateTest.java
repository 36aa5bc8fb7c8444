package dev.flywheel.training.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.contracts.spec.RetrainingPolicy;

class DriftGateTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final RetrainingPolicy POLICY = new RetrainingPolicy(true, false, Duration.ofMinutes(10));

    @Test
    void dataDriftRetrainsWhenNothingHappenedBefore() {
        assertThat(DriftGate.decide(drift(DriftDetected.Kind.DATA), POLICY, Optional.empty(), false, NOW).verdict())
                .isEqualTo(DriftGate.Verdict.RETRAIN);
    }

    @Test
    void aSecondVerdictWithinTheCooldownDoesNotRetrain() {
        DriftGate.Decision decision = DriftGate.decide(drift(DriftDetected.Kind.DATA), POLICY,
                Optional.of(NOW.minus(Duration.ofMinutes(9))), false, NOW);

        assertThat(decision.verdict()).isEqualTo(DriftGate.Verdict.COOLDOWN);
        assertThat(decision.reason()).contains("PT10M cooldown").contains("next possible at 2024-05-01T12:01:00Z");
    }

    @Test
    void afterTheCooldownItRetrainsAgain() {
        assertThat(DriftGate.decide(drift(DriftDetected.Kind.CONCEPT), POLICY,
                Optional.of(NOW.minus(Duration.ofMinutes(10))), false, NOW).verdict())
                .isEqualTo(DriftGate.Verdict.RETRAIN);
    }

    @Test
    void accuracyVerdictsFollowOnAccuracyDropAndDataVerdictsOnDrift() {
        assertThat(DriftGate.decide(drift(DriftDetected.Kind.ACCURACY), POLICY, Optional.empty(), false, NOW).verdict())
                .isEqualTo(DriftGate.Verdict.DISABLED);
        RetrainingPolicy accuracyOnly = new RetrainingPolicy(false, true, Duration.ofMinutes(10));
        assertThat(DriftGate.decide(drift(DriftDetected.Kind.DATA), accuracyOnly, Optional.empty(), false, NOW).verdict())
                .isEqualTo(DriftGate.Verdict.DISABLED);
        assertThat(DriftGate.decide(drift(DriftDetected.Kind.ACCURACY), accuracyOnly, Optional.empty(), false, NOW)
                .verdict()).isEqualTo(DriftGate.Verdict.RETRAIN);
    }

    @Test
    void aRunningTrainingIsNotDoubled() {
        assertThat(DriftGate.decide(drift(DriftDetected.Kind.DATA), POLICY, Optional.empty(), true, NOW).verdict())
                .isEqualTo(DriftGate.Verdict.RUNNING);
    }

    private static DriftDetected drift(DriftDetected.Kind kind) {
        return new DriftDetected("d1", DriftDetected.SCHEMA_VERSION, "card-fraud", "1", kind, "psi:tx_amount", 0.4,
                0.25, null, NOW.minus(Duration.ofHours(1)), NOW, NOW, Map.of());
    }
}

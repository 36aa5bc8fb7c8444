package dev.flywheel.monitor.business;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.event.ModelRegistered;
import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.monitor.DemoSpec;
import dev.flywheel.monitor.drift.ServedModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Realised value of a version's outcomes by the demo spec's cost matrix (a missed fraud loses its amount, every alarm
 * costs a 10-minute review at 40/h = 6.6667, a caught fraud saves its amount), added up by hand.
 */
class ValueLedgerTest {

    private static final PipelineSpec SPEC = DemoSpec.cardFraud();
    private static final Instant T0 = Instant.parse("2018-05-01T00:00:00Z");
    private static final double REVIEW = 10 / 60.0 * 40;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ServedModels served = new ServedModels();

    @Test
    void valuePerDayAgainstDoingNothingLessRunningCost() {
        // Given four outcomes over one day: a caught 120.00 fraud, a false alarm, a missed 50.00 fraud, a quiet pass
        ValueLedger ledger = new ValueLedger(List.of(SPEC), served, 100, 5, registry);
        feed(ledger);

        // When
        RealisedValue value = ledger.realised(SPEC.name(), "3").orElseThrow();

        // Then decisions: -6.6667 - 6.6667 - 50 + 0 = -63.3333; nothing: -120 - 50 = -170; over 1 day;
        //      running cost without a training figure: 1 serving CPU * 24 h * 0.05 = 1.20;
        //      net: -63.3333 + 170 - 1.2 = 105.4667
        assertThat(value.outcomes()).isEqualTo(4);
        assertThat(value.positives()).isEqualTo(2);
        assertThat(value.spanDays()).isEqualTo(1.0);
        assertThat(value.realisedPerDay()).isCloseTo(-50 - 2 * REVIEW, within(1e-9)).isCloseTo(-63.3333, within(1e-4));
        assertThat(value.nothingPerDay()).isEqualTo(-170);
        assertThat(value.runningCostPerDay()).isCloseTo(1.2, within(1e-9));
        assertThat(value.netPerDay()).isCloseTo(105.4667, within(1e-4));
        // too few outcomes to judge the ROI (the demo asks for 500 holding 80 positives)
        assertThat(value.judged()).isFalse();
        assertThat(value.roiNegative()).isFalse();
        assertThat(value.expectedPerDay()).isNull();
    }

    @Test
    void theTrainingRunsFiguresAreUsedWhenTheVersionWasRegisteredWithThem() {
        // Given version 3 registered with a running cost of 10/day and an expected value of -90/day
        served.apply(new ModelRegistered("r", 1, SPEC.name(), "3", "mlp", "file:///m", Map.of(
                "running_cost_per_day", 10.0, "expected_value_per_day", -90.0, "net_value_vs_nothing_per_day", 70.0,
                "baseline_value_per_day", -120.0), List.of(), "manual", T0));
        ValueLedger ledger = new ValueLedger(List.of(SPEC), served, 100, 5, registry);
        feed(ledger);

        // When
        RealisedValue value = ledger.realised(SPEC.name(), "3").orElseThrow();

        // Then net: -63.3333 + 170 - 10 = 96.6667, beside what training expected
        assertThat(value.netPerDay()).isCloseTo(96.6667, within(1e-4));
        assertThat(value.expectedPerDay()).isEqualTo(-90.0);
        assertThat(value.expectedNetPerDay()).isEqualTo(70.0);
        assertThat(value.ruleExpectedPerDay()).isEqualTo(-120.0);
        assertThat(registry.get("flywheel.monitor.value.per.day").tag("kind", "net").tag("model_version", "3").gauge()
                .value()).isCloseTo(96.6667, within(1e-4));
    }

    @Test
    void onlyTheLatestWindowIsValuedAndOutcomesWithoutTheirAmountAreSkipped() {
        // Given a window of 3 and, after the four outcomes, a missed fraud whose amount is unknown
        ValueLedger ledger = new ValueLedger(List.of(SPEC), served, 3, 5, registry);
        feed(ledger);
        ledger.onOutcome(outcome("5", false, 1, null, T0.plusSeconds(86_400 * 2)));

        // When
        RealisedValue value = ledger.realised(SPEC.name(), "3").orElseThrow();

        // Then the caught fraud dropped out: false alarm, missed 50, quiet pass over 18 h = 0.75 days
        //      decisions: (-6.6667 - 50) / 0.75 = -75.5556; nothing: -50 / 0.75 = -66.6667
        assertThat(value.outcomes()).isEqualTo(3);
        assertThat(value.spanDays()).isEqualTo(0.75);
        assertThat(value.realisedPerDay()).isCloseTo(-75.5556, within(1e-4));
        assertThat(value.nothingPerDay()).isCloseTo(-66.6667, within(1e-4));
    }

    private static void feed(ValueLedger ledger) {
        ledger.onOutcome(outcome("1", true, 1, 120.0, T0));
        ledger.onOutcome(outcome("2", true, 0, 30.0, T0.plusSeconds(6 * 3600)));
        ledger.onOutcome(outcome("3", false, 1, 50.0, T0.plusSeconds(12 * 3600)));
        ledger.onOutcome(outcome("4", false, 0, 80.0, T0.plusSeconds(24 * 3600)));
    }

    private static OutcomeObserved outcome(String id, boolean flagged, double label, Double amount, Instant eventTime) {
        return new OutcomeObserved("o-" + id, 1, SPEC.name(), "p-" + id, "e-" + id, "3", flagged ? 0.9 : 0.1, flagged,
                label, eventTime, eventTime, eventTime.plusSeconds(86_400 * 7), amount);
    }
}

package dev.flywheel.monitor.business;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.event.ModelRegistered;
import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.event.PredictionMade;
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

    @Test
    void theRuleAndAShadowChallengerAreValuedOnTheChampionsOutcomes() {
        // Given version 3 serving, version 4 scoring in shadow, and the demo's rule "tx_amount > 220":
        //   e1 fraud 300.00 at T0:     3 flags (caught, -6.6667), rule flags (caught), 4 does not (missed, -300)
        //   e2 genuine 230.00 at +6h:  3 flags (false alarm),     rule flags (false alarm), 4 does not (0)
        //   e3 fraud 50.00 at +12h:    3 does not (missed, -50),  rule does not (missed), 4 flags (caught)
        //   e4 genuine 250.00 at +24h: 3 does not (0),            rule flags (false alarm), 4 made no prediction
        ValueLedger ledger = new ValueLedger(List.of(SPEC), served, 100, 5, registry);
        served.apply(new ModelRegistered("r4", 1, SPEC.name(), "4", "mlp", "file:///m4", Map.of(
                "expected_value_per_day", -40.0, "net_value_vs_nothing_per_day", 150.0, "running_cost_per_day", 2.0),
                List.of(), "drift", T0));
        event(ledger, "1", 300.0, true, true, false, T0);
        event(ledger, "2", 230.0, false, true, false, T0.plusSeconds(6 * 3600));
        event(ledger, "3", 50.0, true, false, true, T0.plusSeconds(12 * 3600));
        event(ledger, "4", 250.0, false, false, null, T0.plusSeconds(24 * 3600));

        // When
        RealisedValue champion = ledger.realised(SPEC.name(), "3").orElseThrow();
        RealisedValue challenger = ledger.shadow(SPEC.name(), "4").orElseThrow();

        // Then the champion: -6.6667 - 6.6667 - 50 = -63.3333 a day; nothing -350; running 1.20 (spec's serving cost);
        //      net -63.3333 + 350 - 1.2 = 285.4667, ROI 285.4667 / 1.2 = 237.8889
        assertThat(champion.role()).isEqualTo("served");
        assertThat(champion.realisedPerDay()).isCloseTo(-63.3333, within(1e-4));
        assertThat(champion.nothingPerDay()).isEqualTo(-350.0);
        assertThat(champion.netPerDay()).isCloseTo(285.4667, within(1e-4));
        assertThat(champion.roi()).isCloseTo(237.8889, within(1e-4));
        // the rule on the same four outcomes: -6.6667 * 3 - 50 = -70 a day; net of doing nothing -70 + 350 = 280
        assertThat(champion.ruleOutcomes()).isEqualTo(4);
        assertThat(champion.rulePerDay()).isCloseTo(-70.0, within(1e-9));
        assertThat(champion.ruleNetPerDay()).isCloseTo(280.0, within(1e-9));
        // the challenger on the three events it scored (T0 .. +12h = 0.5 day): (-300 + 0 - 6.6667) / 0.5 = -613.3333;
        //      nothing (-300 - 50) / 0.5 = -700; its registered running cost 2.00: net 84.6667, ROI 42.3333
        assertThat(challenger.role()).isEqualTo("shadow");
        assertThat(challenger.outcomes()).isEqualTo(3);
        assertThat(challenger.spanDays()).isEqualTo(0.5);
        assertThat(challenger.realisedPerDay()).isCloseTo(-613.3333, within(1e-4));
        assertThat(challenger.nothingPerDay()).isEqualTo(-700.0);
        assertThat(challenger.netPerDay()).isCloseTo(84.6667, within(1e-4));
        assertThat(challenger.roi()).isCloseTo(42.3333, within(1e-4));
        assertThat(registry.get("flywheel.monitor.value.per.day").tag("kind", "rule").tag("model_version", "3").gauge()
                .value()).isCloseTo(-70.0, within(1e-9));
        assertThat(registry.get("flywheel.monitor.value.per.day").tag("kind", "shadow_realised")
                .tag("model_version", "4").gauge().value()).isCloseTo(-613.3333, within(1e-4));

        // and side by side: champion, challenger (expected from its registration), rule
        List<RoleValue> roles = ledger.compare(SPEC.name(), "3", "4");
        assertThat(roles).extracting(RoleValue::role).containsExactly("champion", "challenger", "rule");
        assertThat(roles.get(0).realisedPerDay()).isCloseTo(-63.3333, within(1e-4));
        assertThat(roles.get(1).modelVersion()).isEqualTo("4");
        assertThat(roles.get(1).expectedPerDay()).isEqualTo(-40.0);
        assertThat(roles.get(1).expectedRoi()).isEqualTo(75.0);
        assertThat(roles.get(1).realisedNetPerDay()).isCloseTo(84.6667, within(1e-4));
        assertThat(roles.get(2).realisedPerDay()).isCloseTo(-70.0, within(1e-9));
        assertThat(roles.get(2).realisedNetPerDay()).isCloseTo(280.0, within(1e-9));
        assertThat(roles.get(2).runningCostPerDay()).isZero();
        assertThat(roles.get(2).realisedRoi()).as("the rule costs nothing to run").isNull();
    }

    @Test
    void theRulesFiguresAreScaledToTheOutcomesWhosePredictionWasNotSeen() {
        // Given the four outcomes of the demo above, and a fifth (quiet pass at +24h) whose prediction the monitor
        //       never saw (it was made before a restart's prediction window)
        ValueLedger ledger = new ValueLedger(List.of(SPEC), served, 100, 5, registry);
        event(ledger, "1", 300.0, true, true, null, T0);
        event(ledger, "2", 230.0, false, true, null, T0.plusSeconds(6 * 3600));
        event(ledger, "3", 50.0, true, false, null, T0.plusSeconds(12 * 3600));
        event(ledger, "4", 250.0, false, false, null, T0.plusSeconds(24 * 3600));
        ledger.onOutcome(outcome("5", false, 0, 10.0, T0.plusSeconds(24 * 3600)));

        // When
        RealisedValue champion = ledger.realised(SPEC.name(), "3").orElseThrow();

        // Then the rule was evaluated on 4 of 5 outcomes: -70 a day over them, scaled by 5 / 4 = -87.5
        assertThat(champion.outcomes()).isEqualTo(5);
        assertThat(champion.ruleOutcomes()).isEqualTo(4);
        assertThat(champion.rulePerDay()).isCloseTo(-87.5, within(1e-9));
        assertThat(ledger.shadow(SPEC.name(), "4")).isEmpty();
    }

    /** The served prediction (version 3, with its features), a shadow one of version 4 if any, and the outcome. */
    private static void event(ValueLedger ledger, String id, double amount, boolean fraud, boolean flagged,
                              Boolean challengerFlags, Instant eventTime) {
        ledger.onPrediction(new PredictionMade("p-" + id, 1, SPEC.name(), "e-" + id, "3", flagged ? 0.9 : 0.1, flagged,
                Map.of("tx_amount", amount), eventTime, eventTime, 100, false));
        if (challengerFlags != null) {
            ledger.onPrediction(new PredictionMade("s-" + id, 1, SPEC.name(), "e-" + id, "4",
                    challengerFlags ? 0.9 : 0.1, challengerFlags, Map.of("tx_amount", amount), eventTime, eventTime,
                    100, true));
        }
        ledger.onOutcome(outcome(id, flagged, fraud ? 1 : 0, amount, eventTime));
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

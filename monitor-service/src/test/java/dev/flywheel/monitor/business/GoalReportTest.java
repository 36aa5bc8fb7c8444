package dev.flywheel.monitor.business;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.spec.BusinessGoal;
import dev.flywheel.contracts.spec.GoalMetric;

/** A goal's status from its live value and the date, what counts as a slip, and the p99 latency it reads. */
class GoalReportTest {

    private static final BusinessGoal PR_AUC = new BusinessGoal(GoalMetric.AVERAGE_PRECISION, 0.65,
            LocalDate.of(2026, 12, 31));
    private static final BusinessGoal LATENCY = new BusinessGoal(GoalMetric.SERVING_P99_LATENCY_MS, 50,
            LocalDate.of(2026, 12, 31));
    private static final LocalDate BEFORE = LocalDate.of(2026, 11, 27);
    private static final LocalDate AFTER = LocalDate.of(2027, 1, 1);

    @Test
    void statusByValueAndDate() {
        assertThat(status(PR_AUC, 0.70, BEFORE)).isEqualTo(GoalStatus.MET);
        assertThat(status(PR_AUC, 0.65, BEFORE)).isEqualTo(GoalStatus.MET);
        assertThat(status(PR_AUC, 0.50, BEFORE)).isEqualTo(GoalStatus.AT_RISK);
        assertThat(status(PR_AUC, 0.50, LocalDate.of(2026, 12, 31))).as("on the day itself").isEqualTo(GoalStatus.AT_RISK);
        assertThat(status(PR_AUC, 0.50, AFTER)).isEqualTo(GoalStatus.MISSED);
        assertThat(status(PR_AUC, 0.70, AFTER)).isEqualTo(GoalStatus.MET);
        assertThat(status(PR_AUC, Double.NaN, AFTER)).isEqualTo(GoalStatus.UNKNOWN);
        // lower is better for latency: at most 50 ms
        assertThat(status(LATENCY, 49, BEFORE)).isEqualTo(GoalStatus.MET);
        assertThat(status(LATENCY, 60, BEFORE)).isEqualTo(GoalStatus.AT_RISK);
    }

    @Test
    void aSlipIsAKnownStatusGettingWorse() {
        assertThat(GoalStatus.AT_RISK.slippedFrom(GoalStatus.MET)).isTrue();
        assertThat(GoalStatus.MISSED.slippedFrom(GoalStatus.AT_RISK)).isTrue();
        assertThat(GoalStatus.MISSED.slippedFrom(GoalStatus.MET)).isTrue();
        assertThat(GoalStatus.MET.slippedFrom(GoalStatus.AT_RISK)).isFalse();
        assertThat(GoalStatus.AT_RISK.slippedFrom(GoalStatus.AT_RISK)).isFalse();
        assertThat(GoalStatus.AT_RISK.slippedFrom(GoalStatus.UNKNOWN)).as("first measurement").isFalse();
        assertThat(GoalStatus.UNKNOWN.slippedFrom(GoalStatus.MET)).as("no longer measured").isFalse();
        assertThat(GoalStatus.AT_RISK.slippedFrom(null)).isFalse();
    }

    @Test
    void p99LatencyIsTheNearestRankOfTheLatestPredictions() {
        // Given latencies of 1, 2, ..., 100 ms
        LatencyWindow all = new LatencyWindow(1_000);
        LatencyWindow latest50 = new LatencyWindow(50);
        IntStream.rangeClosed(1, 100).forEach(ms -> {
            all.add(ms * 1_000L);
            latest50.add(ms * 1_000L);
        });

        // Then p99 of 100 values is the 99th (ceil(0.99 * 100)); of the latest 50 (51..100), the 50th (ceil(49.5))
        assertThat(all.p99Millis()).isEqualTo(99.0);
        assertThat(latest50.p99Millis()).isEqualTo(100.0);
        assertThat(new LatencyWindow(10).p99Millis()).isNaN();
    }

    private static GoalStatus status(BusinessGoal goal, double observed, LocalDate today) {
        return GoalReport.of("card-fraud", goal, observed, today, "3", "").status();
    }
}

package dev.flywheel.monitor.business;

import java.time.LocalDate;

import dev.flywheel.contracts.spec.BusinessGoal;

/**
 * One goal judged against live data.
 *
 * @param goal         {@code average_precision >= 0.65 by 2026-12-31}
 * @param observed     the live value; null when not measured
 * @param modelVersion the served version it was measured on; null without one
 * @param note         how it was measured, or why it was not
 */
public record GoalReport(String pipeline, String metric, String goal, double target, LocalDate by, Double observed,
                         GoalStatus status, String modelVersion, String note) {

    static GoalReport of(String pipeline, BusinessGoal goal, double observed, LocalDate today, String version,
                         String note) {
        GoalStatus status = Double.isNaN(observed) ? GoalStatus.UNKNOWN
                : goal.isMet(observed) ? GoalStatus.MET
                : today.isAfter(goal.by()) ? GoalStatus.MISSED : GoalStatus.AT_RISK;
        return new GoalReport(pipeline, goal.metric().keyword(), goal.describe(), goal.target(), goal.by(),
                Double.isNaN(observed) ? null : observed, status, version, note);
    }

    /** Identifies the goal across judgements (a spec may set one metric twice, with two dates). */
    String key() {
        return pipeline + ':' + metric + ':' + by;
    }
}

package dev.flywheel.training.tuning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One configuration tried by the tuning of a candidate, as the run result, {@code report.json} and the report's
 * trials table show it.
 *
 * @param trial      1-based number within its candidate, in sampling order
 * @param params     the sampled values (the candidate's fixed params are not repeated)
 * @param rung       the last successive-halving rung it trained at, from 0; -1 when it never trained
 * @param resource   what it trained with at that rung: epochs or boosting rounds
 * @param score      its validation score (the selection metric) at that rung; null when it has none
 * @param rungScores its validation score at every rung it reached, in order (NaN when undefined)
 * @param millis     wall time of all its trainings and scorings
 * @param status     {@value #COMPLETED}, {@value #STOPPED_EARLY} (by halving or by the time budget) or
 *                   {@value #FAILED}
 * @param message    why it was stopped or failed; empty when completed
 */
public record TrialReport(String candidate, int trial, Map<String, Object> params, int rung, int resource,
                          Double score, List<Double> rungScores, long millis, String status, String message) {

    public static final String COMPLETED = "completed";
    public static final String STOPPED_EARLY = "stopped_early";
    public static final String FAILED = "failed";

    public TrialReport {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        rungScores = Collections.unmodifiableList(new ArrayList<>(rungScores));
    }
}

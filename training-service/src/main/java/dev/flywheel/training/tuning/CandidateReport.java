package dev.flywheel.training.tuning;

import java.util.Map;

/**
 * What became of one spec candidate in a run.
 *
 * @param status         {@code trained}, {@code skipped} (type not supported yet, bad params), {@code failed},
 *                       or {@code evaluated} for the spec's rule baseline (nothing to fit)
 * @param message        why it was skipped or failed; the rule for the baseline; empty when trained
 * @param metrics        held-out metrics when trained
 * @param trainingMillis wall time of fitting
 */
public record CandidateReport(String name, String type, String status, String message, Map<String, Double> metrics,
                              long trainingMillis) {

    public static final String TRAINED = "trained";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";
    public static final String EVALUATED = "evaluated";

    public CandidateReport {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}

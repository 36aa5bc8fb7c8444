package dev.flywheel.training.tuning;

import java.util.Map;

/**
 * What became of one spec candidate in a run.
 *
 * @param status         {@code trained}, {@code skipped} (type not supported yet, bad params) or {@code failed}
 * @param message        why it was skipped or failed; empty when trained
 * @param metrics        held-out metrics when trained
 * @param trainingMillis wall time of fitting
 */
public record CandidateReport(String name, String type, String status, String message, Map<String, Double> metrics,
                              long trainingMillis) {

    public static final String TRAINED = "trained";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";

    public CandidateReport {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}

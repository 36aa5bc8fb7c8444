package dev.flywheel.training.tuning;

import java.util.List;
import java.util.Map;

/**
 * What became of one spec candidate in a run.
 *
 * @param status         {@code trained}, {@code skipped} (type not supported yet, bad params or search space),
 *                       {@code failed}, or {@code evaluated} for the spec's rule baseline (nothing to fit)
 * @param message        why it was skipped or failed; the rule for the baseline; how tuning went for a tuned
 *                       candidate; empty otherwise
 * @param metrics        held-out metrics when trained
 * @param trainingMillis wall time of fitting, every trial's included
 * @param trials         every configuration tuning tried, trial 1 first; empty when the candidate was not tuned
 * @param bestTrial      the trial whose params the candidate's model was refitted with; null when not tuned
 */
public record CandidateReport(String name, String type, String status, String message, Map<String, Double> metrics,
                              long trainingMillis, List<TrialReport> trials, Integer bestTrial) {

    public static final String TRAINED = "trained";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";
    public static final String EVALUATED = "evaluated";

    public CandidateReport {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        trials = trials == null ? List.of() : List.copyOf(trials);
    }

    /** A candidate that was not tuned. */
    public CandidateReport(String name, String type, String status, String message, Map<String, Double> metrics,
                           long trainingMillis) {
        this(name, type, status, message, metrics, trainingMillis, List.of(), null);
    }
}

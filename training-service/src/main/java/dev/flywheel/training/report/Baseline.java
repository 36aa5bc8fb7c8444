package dev.flywheel.training.report;

import java.util.Map;

/**
 * The spec's rule baseline judged on the same held-out slice, for the report's "does ML beat the rule" section.
 *
 * @param rule    the rule as declared, e.g. {@code amount > 220}
 * @param metrics by keyword, comparable with the winner's
 */
public record Baseline(String name, String rule, Map<String, Double> metrics) {

    public Baseline {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}

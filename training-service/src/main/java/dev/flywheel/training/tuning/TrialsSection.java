package dev.flywheel.training.tuning;

import static dev.flywheel.training.eda.ProfileReport.escape;
import static dev.flywheel.training.eda.ProfileReport.fixed;
import static dev.flywheel.training.eda.ProfileReport.number;

import java.util.List;
import java.util.Objects;

/**
 * The tuning part of the run report page: consumes the candidate reports; produces, per tuned candidate, a
 * score-vs-trial SVG chart (every rung's validation score of every trial, the running best of the first rung, the
 * winner ringed) and a table of its trials. Empty when no candidate was tuned.
 */
public final class TrialsSection {

    private static final int WIDTH = 520;
    private static final int HEIGHT = 250;
    private static final int LEFT = 50;
    private static final int RIGHT = 14;
    private static final int TOP = 14;
    private static final int BOTTOM = 40;
    /** Later rungs darker: a score with more resource counts for more. */
    private static final String[] RUNG_COLOURS = {"#9cb8dc", "#5f89bf", "#2f5d95", "#1b3a63"};
    private static final String BEST_COLOUR = "#e08a1e";

    private TrialsSection() {
    }

    /**
     * @param selectionMetric the metric that scored the trials
     * @param winner          the run's winning candidate, whose chart comes first
     */
    public static String render(List<CandidateReport> candidates, String selectionMetric, String winner) {
        List<CandidateReport> tuned = candidates.stream().filter(c -> !c.trials().isEmpty())
                .sorted((a, b) -> Boolean.compare(!Objects.equals(a.name(), winner), !Objects.equals(b.name(), winner)))
                .toList();
        if (tuned.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder(8 * 1024);
        html.append("<h2>Tuning</h2><p class=\"note\">Each trial fitted on the earlier part of the training slice and")
                .append(" scored (validation ").append(escape(selectionMetric)).append(") on its later part;")
                .append(" successive halving sent the best of each rung on with more resource. The winning trial")
                .append(" was refitted on the whole training slice before the held-out judgement above.</p>");
        for (CandidateReport candidate : tuned) {
            html.append("<h3>").append(escape(candidate.name())).append(" (").append(escape(candidate.type()))
                    .append(")</h3><p class=\"note\">").append(escape(candidate.message())).append("</p>");
            int best = candidate.bestTrial() == null ? 0 : candidate.bestTrial();
            chart(html, candidate, selectionMetric, best);
            table(html, candidate, best);
        }
        return html.toString();
    }

    private static void chart(StringBuilder html, CandidateReport candidate, String metric, int best) {
        List<TrialReport> trials = candidate.trials();
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (TrialReport trial : trials) {
            for (Double score : trial.rungScores()) {
                if (score != null) {
                    low = Math.min(low, score);
                    high = Math.max(high, score);
                }
            }
        }
        if (low > high) {
            low = 0;
            high = 1;
        }
        double pad = high - low < 1e-9 ? 0.05 : (high - low) * 0.08;
        double yMin = low - pad;
        double yMax = high + pad;
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int n = trials.size();
        java.util.function.DoubleUnaryOperator x = trial -> LEFT + (n == 1 ? 0.5 : (trial - 1) / (n - 1.0)) * plotWidth;
        java.util.function.DoubleUnaryOperator y = score -> TOP + plotHeight - (score - yMin) / (yMax - yMin) * plotHeight;

        html.append("<svg class=\"chart trials\" data-candidate=\"").append(escape(candidate.name()))
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"validation ")
                .append(escape(metric)).append(" per trial of ").append(escape(candidate.name())).append("\">");
        html.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotWidth)
                .append("\" height=\"").append(plotHeight).append("\" fill=\"none\" stroke=\"#444\"/>");
        for (int tick = 0; tick <= 4; tick++) {
            double value = yMin + tick * (yMax - yMin) / 4;
            double at = y.applyAsDouble(value);
            html.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(fixed(at)).append("\" x2=\"")
                    .append(LEFT + plotWidth).append("\" y2=\"").append(fixed(at)).append("\" stroke=\"#e6e9ef\"/>")
                    .append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(fixed(at + 4))
                    .append("\" font-size=\"10\" text-anchor=\"end\">").append(number(value)).append("</text>");
        }
        for (TrialReport trial : trials) {
            html.append("<text x=\"").append(fixed(x.applyAsDouble(trial.trial()))).append("\" y=\"")
                    .append(TOP + plotHeight + 14).append("\" font-size=\"10\" text-anchor=\"middle\">")
                    .append(trial.trial()).append("</text>");
        }
        // The running best of the first rung: what random search alone had found after each trial.
        StringBuilder line = new StringBuilder();
        Double running = null;
        boolean lowerIsBetter = lowerIsBetter(metric);
        for (TrialReport trial : trials) {
            Double first = trial.rungScores().isEmpty() ? null : trial.rungScores().get(0);
            if (first != null && (running == null || (lowerIsBetter ? first < running : first > running))) {
                running = first;
            }
            if (running != null) {
                line.append(fixed(x.applyAsDouble(trial.trial()))).append(',').append(fixed(y.applyAsDouble(running)))
                        .append(' ');
            }
        }
        if (!line.isEmpty()) {
            html.append("<polyline class=\"best-so-far\" fill=\"none\" stroke=\"").append(BEST_COLOUR)
                    .append("\" stroke-width=\"2\" points=\"").append(line.toString().trim())
                    .append("\"><title>best so far (rung 0)</title></polyline>");
        }
        for (TrialReport trial : trials) {
            for (int rung = 0; rung < trial.rungScores().size(); rung++) {
                Double score = trial.rungScores().get(rung);
                if (score == null) {
                    continue;
                }
                html.append("<circle class=\"trial rung-").append(rung).append("\" cx=\"")
                        .append(fixed(x.applyAsDouble(trial.trial()))).append("\" cy=\"")
                        .append(fixed(y.applyAsDouble(score))).append("\" r=\"4\" fill=\"")
                        .append(RUNG_COLOURS[Math.min(rung, RUNG_COLOURS.length - 1)]).append("\"><title>trial ")
                        .append(trial.trial()).append(" rung ").append(rung).append(": ").append(number(score))
                        .append("</title></circle>");
            }
            if (trial.trial() == best && trial.score() != null) {
                html.append("<circle class=\"winner\" cx=\"").append(fixed(x.applyAsDouble(trial.trial())))
                        .append("\" cy=\"").append(fixed(y.applyAsDouble(trial.score())))
                        .append("\" r=\"8\" fill=\"none\" stroke=\"").append(BEST_COLOUR)
                        .append("\" stroke-width=\"2\"><title>winning trial</title></circle>");
            }
        }
        html.append("<text x=\"").append(LEFT + plotWidth / 2).append("\" y=\"").append(HEIGHT - 8)
                .append("\" font-size=\"11\" text-anchor=\"middle\">trial</text><text x=\"12\" y=\"")
                .append(TOP + plotHeight / 2).append("\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 12 ")
                .append(TOP + plotHeight / 2).append(")\">validation ").append(escape(metric)).append("</text></svg>");
        html.append("<p class=\"note\">dots: a trial's score at each rung (darker: later rung, more resource); line:")
                .append(" best so far at rung 0; ring: the winning trial</p>");
    }

    private static void table(StringBuilder html, CandidateReport candidate, int best) {
        html.append("<div class=\"scroll\"><table class=\"trials\" id=\"trials-").append(escape(candidate.name()))
                .append("\"><tr><th>trial</th><th class=\"name\">status</th><th>rung</th><th>resource</th>")
                .append("<th>score</th><th class=\"name\">score per rung</th><th>ms</th><th class=\"name\">params</th>")
                .append("<th class=\"name\">message</th></tr>");
        for (TrialReport trial : candidate.trials()) {
            html.append("<tr").append(trial.trial() == best ? " class=\"selection\"" : "").append("><td>")
                    .append(trial.trial()).append(trial.trial() == best ? " ★" : "").append("</td><td class=\"name\">")
                    .append(escape(trial.status())).append("</td><td>").append(trial.rung()).append("</td><td>")
                    .append(trial.resource()).append("</td><td>").append(number(trial.score()))
                    .append("</td><td class=\"name\">").append(escape(String.join(" → ",
                            trial.rungScores().stream().map(score -> number(score)).toList())))
                    .append("</td><td>").append(trial.millis()).append("</td><td class=\"name\">")
                    .append(escape(String.valueOf(trial.params()))).append("</td><td class=\"name\">")
                    .append(escape(trial.message())).append("</td></tr>");
        }
        html.append("</table></div>");
    }

    private static boolean lowerIsBetter(String metric) {
        return List.of("log_loss", "brier_score", "rmse", "mae").contains(metric);
    }
}

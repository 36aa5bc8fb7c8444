package dev.flywheel.training.report;

import static dev.flywheel.training.eda.ProfileReport.escape;
import static dev.flywheel.training.eda.ProfileReport.fixed;
import static dev.flywheel.training.eda.ProfileReport.number;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.flywheel.contracts.metric.ConfusionCounts;
import dev.flywheel.contracts.metric.CurvePoint;
import dev.flywheel.model.CleaningSteps;
import dev.flywheel.model.value.ValuePoint;
import dev.flywheel.training.dataset.DatasetCleaning;
import dev.flywheel.training.dataset.DatasetSummary;
import dev.flywheel.training.eda.ProfileReport;
import dev.flywheel.training.tuning.CandidateReport;
import dev.flywheel.training.tuning.TrialsSection;

/**
 * Renders a {@link RunReport} as one self-contained HTML page in the style of the data profile
 * ({@link ProfileReport}, whose CSS and number formatting it shares): inline SVG charts drawn here (ROC and
 * precision-recall curves of the winner and the champion, confusion matrices), tables; no JavaScript, no
 * external resource.
 */
public final class RunReportPage {

    private static final int PLOT = 250;
    private static final int LEFT = 46;
    private static final int TOP = 14;
    private static final String WINNER_COLOUR = "#2f5d95";
    private static final String CHAMPION_COLOUR = "#e08a1e";
    private static final String BASELINE_COLOUR = "#3a8f3a";
    /** The value chart's left margin: its axis holds money, wider than the unit interval's labels. */
    private static final int VALUE_LEFT = 78;
    private static final String EXTRA_CSS = """
            .legend-swatch{display:inline-block;width:14px;height:3px;vertical-align:middle;margin-right:4px}
            .decision{font-size:15px;margin:8px 0}.section{margin-top:8px}
            """;

    private final StringBuilder html = new StringBuilder(32 * 1024);

    private RunReportPage() {
    }

    public static String render(RunReport report) {
        return new RunReportPage().page(report);
    }

    private String page(RunReport r) {
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Training run ")
                .append(escape(r.pipeline())).append(" v").append(escape(r.version())).append("</title><style>")
                .append(ProfileReport.CSS).append(EXTRA_CSS).append("</style></head><body>");
        html.append("<h1>Training run report: ").append(escape(r.pipeline())).append(" version ")
                .append(escape(r.version())).append("</h1><p class=\"meta\">run ").append(escape(r.runId()))
                .append(" · trigger ").append(escape(r.trigger())).append(" · winner ").append(escape(r.candidate()))
                .append(" · written ").append(escape(String.valueOf(r.createdAt()))).append("</p>");
        html.append("<p id=\"decision\" class=\"decision ").append(Boolean.TRUE.equals(r.promoted()) ? "ok" : "flag")
                .append("\">").append(Boolean.TRUE.equals(r.promoted()) ? "Promoted: " : "Not promoted: ")
                .append(escape(r.decision())).append("</p><p class=\"note\">Candidates ranked by ")
                .append(escape(r.selectionMetric())).append(" on the held-out later slice")
                .append(r.selectionNote() == null || r.selectionNote().isEmpty() ? "" : " (" + escape(r.selectionNote()) + ")")
                .append(r.winner().isRegression() ? "" : "; decisions at score ≥ " + number(r.threshold()))
                .append(".</p>");
        metrics(r);
        if (r.winner().isRegression()) {
            predictedVsActual(r);
        } else {
            curves(r);
            confusion(r);
        }
        baseline(r);
        value(r.value());
        champion(r);
        candidates(r.candidates(), r.winner().metrics().keySet());
        html.append(TrialsSection.render(r.candidates(), r.selectionMetric(), r.candidate()));
        dataset(r.dataset());
        html.append("</body></html>");
        return html.toString();
    }

    private void metrics(RunReport r) {
        List<String> columns = new ArrayList<>();
        List<Map<String, Double>> values = new ArrayList<>();
        columns.add("winner: v" + r.version() + " " + r.candidate());
        values.add(r.winner().metrics());
        if (r.champion() != null) {
            columns.add("champion: v" + r.champion().version() + " " + r.champion().candidate());
            values.add(r.champion().metrics());
        }
        if (r.baseline() != null) {
            columns.add("baseline: " + r.baseline().name());
            values.add(r.baseline().metrics());
        }
        html.append("<h2>Held-out metrics</h2><table id=\"metrics\"><tr><th class=\"name\">metric</th>");
        columns.forEach(column -> html.append("<th>").append(escape(column)).append("</th>"));
        html.append("</tr>");
        Set<String> keys = new LinkedHashSet<>();
        values.forEach(map -> keys.addAll(map.keySet()));
        for (String key : keys) {
            html.append("<tr").append(key.equals(r.selectionMetric()) ? " class=\"selection\"" : "")
                    .append("><td class=\"name\">").append(escape(key)).append(key.equals(r.selectionMetric())
                            ? " (selection)" : "").append("</td>");
            values.forEach(map -> html.append("<td>").append(number(map.get(key))).append("</td>"));
            html.append("</tr>");
        }
        html.append("</table>");
    }

    private void curves(RunReport r) {
        html.append("<h2>Curves</h2><div class=\"cards\">");
        curve(r, "roc", "ROC curve", "false positive rate", "true positive rate", ScoredModel::roc, "roc_auc");
        curve(r, "pr", "Precision-recall curve", "recall", "precision", ScoredModel::precisionRecall,
                "average_precision");
        html.append("</div>");
    }

    private void curve(RunReport r, String kind, String title, String xLabel, String yLabel,
                       java.util.function.Function<ScoredModel, List<CurvePoint>> points, String area) {
        int width = LEFT + PLOT + 20;
        int height = TOP + PLOT + 40;
        html.append("<div class=\"card\"><h3>").append(title).append("</h3>");
        html.append("<svg class=\"chart ").append(kind).append("\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(title).append("\">");
        for (int tick = 0; tick <= 4; tick++) {
            double at = tick / 4.0;
            html.append("<line x1=\"").append(fixed(x(0))).append("\" y1=\"").append(fixed(y(at))).append("\" x2=\"")
                    .append(fixed(x(1))).append("\" y2=\"").append(fixed(y(at))).append("\" stroke=\"#e6e9ef\"/>")
                    .append("<line x1=\"").append(fixed(x(at))).append("\" y1=\"").append(fixed(y(0))).append("\" x2=\"")
                    .append(fixed(x(at))).append("\" y2=\"").append(fixed(y(1))).append("\" stroke=\"#e6e9ef\"/>")
                    .append("<text x=\"").append(fixed(LEFT - 4)).append("\" y=\"").append(fixed(y(at) + 4))
                    .append("\" font-size=\"10\" text-anchor=\"end\">").append(number(at)).append("</text>")
                    .append("<text x=\"").append(fixed(x(at))).append("\" y=\"").append(TOP + PLOT + 14)
                    .append("\" font-size=\"10\" text-anchor=\"middle\">").append(number(at)).append("</text>");
        }
        html.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(PLOT)
                .append("\" height=\"").append(PLOT).append("\" fill=\"none\" stroke=\"#444\"/>");
        // What a model without skill draws: the diagonal for ROC, the positive rate for precision-recall.
        double chance = kind.equals("roc") ? Double.NaN : positiveRate(r.winner().confusion());
        if (kind.equals("roc")) {
            html.append("<line class=\"chance\" x1=\"").append(fixed(x(0))).append("\" y1=\"").append(fixed(y(0)))
                    .append("\" x2=\"").append(fixed(x(1))).append("\" y2=\"").append(fixed(y(1)))
                    .append("\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>");
        } else if (Double.isFinite(chance)) {
            html.append("<line class=\"chance\" x1=\"").append(fixed(x(0))).append("\" y1=\"").append(fixed(y(chance)))
                    .append("\" x2=\"").append(fixed(x(1))).append("\" y2=\"").append(fixed(y(chance)))
                    .append("\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>");
        }
        List<ScoredModel> models = new ArrayList<>();
        if (r.champion() != null) {
            models.add(r.champion());
        }
        models.add(r.winner());
        for (ScoredModel model : models) {
            List<CurvePoint> line = points.apply(model);
            if (line.isEmpty()) {
                continue;
            }
            boolean winner = model == r.winner();
            html.append("<polyline class=\"curve ").append(model.role()).append("\" fill=\"none\" stroke=\"")
                    .append(winner ? WINNER_COLOUR : CHAMPION_COLOUR).append("\" stroke-width=\"")
                    .append(winner ? "2.5" : "2").append(winner ? "" : "\" stroke-dasharray=\"6 3")
                    .append("\" points=\"");
            for (CurvePoint point : line) {
                html.append(fixed(x(point.x()))).append(',').append(fixed(y(point.y()))).append(' ');
            }
            html.append("\"><title>").append(escape(model.role())).append(" v").append(escape(model.version()))
                    .append("</title></polyline>");
        }
        html.append("<text x=\"").append(fixed(x(0.5))).append("\" y=\"").append(height - 6)
                .append("\" font-size=\"11\" text-anchor=\"middle\">").append(xLabel).append("</text>")
                .append("<text x=\"12\" y=\"").append(fixed(y(0.5))).append("\" font-size=\"11\" text-anchor=\"middle\"")
                .append(" transform=\"rotate(-90 12 ").append(fixed(y(0.5))).append(")\">").append(yLabel)
                .append("</text></svg>");
        for (ScoredModel model : models) {
            html.append("<p><span class=\"legend-swatch\" style=\"background:")
                    .append(model == r.winner() ? WINNER_COLOUR : CHAMPION_COLOUR).append("\"></span>")
                    .append(escape(model.role())).append(" v").append(escape(model.version())).append(" (")
                    .append(escape(model.candidate())).append(") ").append(area).append(' ')
                    .append(number(model.metrics().get(area))).append("</p>");
        }
        if (points.apply(r.winner()).isEmpty()) {
            html.append("<p class=\"flag\">no curve: the held-out slice lacks a class</p>");
        }
        html.append("</div>");
    }

    /**
     * Regression's chart in place of ROC and precision-recall: each held-out row (a sample when many) at its true value
     * and its prediction, winner and champion, over the diagonal a perfect model would draw. Both axes share one
     * range, so distance from the diagonal is the error.
     */
    private void predictedVsActual(RunReport r) {
        List<ScoredModel> models = new ArrayList<>();
        if (r.champion() != null) {
            models.add(r.champion());
        }
        models.add(r.winner());
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (ScoredModel model : models) {
            for (CurvePoint point : model.predictedVsActual()) {
                for (double value : new double[] {point.x(), point.y()}) {
                    if (Double.isFinite(value)) {
                        low = Math.min(low, value);
                        high = Math.max(high, value);
                    }
                }
            }
        }
        html.append("<h2>Predicted vs actual</h2><div class=\"cards\"><div class=\"card\">");
        if (!(high > low)) {
            html.append("<p class=\"flag\">no chart: the held-out values do not spread</p></div></div>");
            return;
        }
        double from = low;
        double span = high - low;
        int width = LEFT + PLOT + 20;
        int height = TOP + PLOT + 40;
        html.append("<svg class=\"chart predicted-actual\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"predicted vs actual values\">");
        for (int tick = 0; tick <= 4; tick++) {
            double at = tick / 4.0;
            String label = number(from + at * span);
            html.append("<line x1=\"").append(fixed(x(0))).append("\" y1=\"").append(fixed(y(at))).append("\" x2=\"")
                    .append(fixed(x(1))).append("\" y2=\"").append(fixed(y(at))).append("\" stroke=\"#e6e9ef\"/>")
                    .append("<text x=\"").append(fixed(LEFT - 4)).append("\" y=\"").append(fixed(y(at) + 4))
                    .append("\" font-size=\"10\" text-anchor=\"end\">").append(escape(label)).append("</text>")
                    .append("<text x=\"").append(fixed(x(at))).append("\" y=\"").append(TOP + PLOT + 14)
                    .append("\" font-size=\"10\" text-anchor=\"middle\">").append(escape(label)).append("</text>");
        }
        html.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(PLOT)
                .append("\" height=\"").append(PLOT).append("\" fill=\"none\" stroke=\"#444\"/>");
        html.append("<line class=\"perfect\" x1=\"").append(fixed(x(0))).append("\" y1=\"").append(fixed(y(0)))
                .append("\" x2=\"").append(fixed(x(1))).append("\" y2=\"").append(fixed(y(1)))
                .append("\" stroke=\"#999\" stroke-dasharray=\"4 4\"><title>prediction = actual</title></line>");
        for (ScoredModel model : models) {
            boolean winner = model == r.winner();
            html.append("<g class=\"points ").append(escape(model.role())).append("\" fill=\"")
                    .append(winner ? WINNER_COLOUR : CHAMPION_COLOUR).append("\" fill-opacity=\"")
                    .append(winner ? "0.55" : "0.35").append("\">");
            for (CurvePoint point : model.predictedVsActual()) {
                if (!Double.isFinite(point.x()) || !Double.isFinite(point.y())) {
                    continue;
                }
                double px = Math.min(1, Math.max(0, (point.x() - from) / span));
                double py = Math.min(1, Math.max(0, (point.y() - from) / span));
                html.append("<circle cx=\"").append(fixed(x(px))).append("\" cy=\"").append(fixed(y(py)))
                        .append("\" r=\"2\"/>");
            }
            html.append("</g>");
        }
        html.append("<text x=\"").append(fixed(x(0.5))).append("\" y=\"").append(height - 6)
                .append("\" font-size=\"11\" text-anchor=\"middle\">actual</text>")
                .append("<text x=\"12\" y=\"").append(fixed(y(0.5))).append("\" font-size=\"11\" text-anchor=\"middle\"")
                .append(" transform=\"rotate(-90 12 ").append(fixed(y(0.5))).append(")\">predicted</text></svg>");
        for (ScoredModel model : models) {
            html.append("<p><span class=\"legend-swatch\" style=\"background:")
                    .append(model == r.winner() ? WINNER_COLOUR : CHAMPION_COLOUR).append("\"></span>")
                    .append(escape(model.role())).append(" v").append(escape(model.version())).append(" (")
                    .append(escape(model.candidate())).append(") rmse ").append(number(model.metrics().get("rmse")))
                    .append(" · r2 ").append(number(model.metrics().get("r2"))).append("</p>");
        }
        html.append("</div></div>");
    }

    private static double x(double value) {
        return LEFT + value * PLOT;
    }

    private static double y(double value) {
        return TOP + PLOT - value * PLOT;
    }

    private static double positiveRate(ConfusionCounts counts) {
        return counts.total() == 0 ? Double.NaN
                : (double) (counts.truePositives() + counts.falseNegatives()) / counts.total();
    }

    private void confusion(RunReport r) {
        html.append("<h2>Confusion matrix at score ≥ ").append(number(r.threshold())).append("</h2><div class=\"cards\">");
        confusionChart(r.winner());
        if (r.champion() != null) {
            confusionChart(r.champion());
        }
        html.append("</div>");
    }

    private void confusionChart(ScoredModel model) {
        ConfusionCounts c = model.confusion();
        int cell = 110;
        int left = 96;
        int top = 40;
        int width = left + 2 * cell + 10;
        int height = top + 2 * cell + 10;
        html.append("<div class=\"card\"><h3>").append(escape(model.role())).append(" v").append(escape(model.version()))
                .append(" (").append(escape(model.candidate())).append(")</h3>");
        html.append("<svg class=\"chart confusion ").append(escape(model.role())).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"confusion matrix of ").append(escape(model.role())).append("\">")
                .append("<text x=\"").append(left + cell).append("\" y=\"14\" font-size=\"11\" text-anchor=\"middle\">")
                .append("decided</text><text x=\"").append(left + cell / 2).append("\" y=\"32\" font-size=\"11\"")
                .append(" text-anchor=\"middle\">positive</text><text x=\"").append(left + cell + cell / 2)
                .append("\" y=\"32\" font-size=\"11\" text-anchor=\"middle\">negative</text>")
                .append("<text x=\"").append(left - 8).append("\" y=\"").append(top + cell / 2 + 4)
                .append("\" font-size=\"11\" text-anchor=\"end\">actual positive</text><text x=\"").append(left - 8)
                .append("\" y=\"").append(top + cell + cell / 2 + 4)
                .append("\" font-size=\"11\" text-anchor=\"end\">actual negative</text>");
        long positives = c.truePositives() + c.falseNegatives();
        long negatives = c.falsePositives() + c.trueNegatives();
        confusionCell(left, top, cell, "true positives", c.truePositives(), positives, true);
        confusionCell(left + cell, top, cell, "false negatives", c.falseNegatives(), positives, false);
        confusionCell(left, top + cell, cell, "false positives", c.falsePositives(), negatives, false);
        confusionCell(left + cell, top + cell, cell, "true negatives", c.trueNegatives(), negatives, true);
        html.append("</svg><p>precision ").append(number(model.metrics().get("precision"))).append(" · recall ")
                .append(number(model.metrics().get("recall"))).append(" · F1 ").append(number(model.metrics().get("f1")))
                .append("</p></div>");
    }

    /** Shaded by the share of its actual class: blue where decisions are right, red where they are wrong. */
    private void confusionCell(int x, int y, int size, String name, long count, long ofClass, boolean right) {
        double share = ofClass == 0 ? 0 : (double) count / ofClass;
        int[] end = right ? new int[] {47, 93, 149} : new int[] {178, 24, 43};
        String fill = String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(255 + (end[0] - 255) * share),
                (int) Math.round(255 + (end[1] - 255) * share), (int) Math.round(255 + (end[2] - 255) * share));
        html.append("<rect class=\"cell\" x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(size)
                .append("\" height=\"").append(size).append("\" fill=\"").append(fill)
                .append("\" stroke=\"#fff\" stroke-width=\"2\"><title>").append(name).append("</title></rect>")
                .append("<text class=\"count\" x=\"").append(x + size / 2).append("\" y=\"").append(y + size / 2)
                .append("\" font-size=\"16\" text-anchor=\"middle\" fill=\"").append(share > 0.55 ? "#fff" : "#1d2433")
                .append("\">").append(count).append("</text>");
        String label = share > 0.55 ? "#fff" : "#3d4657";
        html.append("<text x=\"").append(x + size / 2).append("\" y=\"").append(y + size / 2 + 17)
                .append("\" font-size=\"10\" text-anchor=\"middle\" fill=\"").append(label).append("\">").append(name)
                .append("</text><text x=\"").append(x + size / 2).append("\" y=\"").append(y + size / 2 + 30)
                .append("\" font-size=\"10\" text-anchor=\"middle\" fill=\"").append(label).append("\">")
                .append(ProfileReport.percent(share)).append(" of the class</text>");
    }

    private void baseline(RunReport r) {
        html.append("<h2>Baseline</h2><div id=\"baseline\" class=\"section\">");
        Baseline baseline = r.baseline();
        if (baseline == null) {
            html.append("<p class=\"flag\">No baseline declared: the spec names no rule baseline, so this report"
                    + " cannot say whether the model beats the cheapest rule.</p>");
        } else {
            String metric = r.selectionMetric();
            Double rule = baseline.metrics().get(metric);
            Double model = r.winner().metrics().get(metric);
            boolean beats = rule != null && model != null && !model.isNaN() && (rule.isNaN() || better(metric, model, rule));
            html.append("<p>").append(escape(baseline.name())).append(": <code>").append(escape(baseline.rule()))
                    .append("</code></p><p class=\"").append(beats ? "ok" : "flag").append("\">")
                    .append(beats ? "The model beats the baseline" : "The model does not beat the baseline").append(" on ")
                    .append(escape(metric)).append(": ").append(number(model)).append(" vs ").append(number(rule))
                    .append("</p>");
        }
        html.append("</div>");
    }

    /**
     * The business section: the value curve over thresholds with the chosen threshold, doing nothing and the rule
     * drawn as levels, then value per day of every option, running cost and ROI.
     */
    private void value(ValueReport v) {
        html.append("<h2>Business value</h2><div id=\"value\" class=\"section\">");
        if (v == null) {
            html.append("<p class=\"note\">No business section declared: decisions are not valued, and the threshold"
                    + " is model.threshold.</p></div>");
            return;
        }
        html.append("<p>Registered threshold <b>").append(number(v.threshold())).append("</b>: ")
                .append(escape(v.thresholdNote())).append(" (model.threshold ").append(number(v.specThreshold()))
                .append(") · ").append(v.rows()).append(" held-out rows over ").append(number(v.spanDays()))
                .append(" days").append(v.amountField() == null ? "" : " · amounts from " + escape(v.amountField()))
                .append("</p>");
        valueChart(v);
        html.append("<table id=\"value-table\"><tr><th class=\"name\">decisions</th><th>value per day</th>")
                .append("<th>net of running cost, vs doing nothing</th></tr>");
        valueRow("winner at " + number(v.threshold()), v.valuePerDay(), v.netVsNothingPerDay());
        if (v.championValuePerDay() != null) {
            valueRow("champion v" + v.championVersion() + " at " + number(v.championThreshold()),
                    v.championValuePerDay(), v.championValuePerDay() - v.nothingPerDay() - v.runningCostPerDay());
        }
        if (v.baselinePerDay() != null) {
            valueRow("rule " + v.baselineRule(), v.baselinePerDay(), v.baselinePerDay() - v.nothingPerDay());
        }
        valueRow("doing nothing", v.nothingPerDay(), 0.0);
        html.append("</table><p id=\"roi\" class=\"").append(v.netVsNothingPerDay() > 0 ? "ok" : "flag")
                .append("\">Running cost ").append(number(v.runningCostPerDay())).append("/day · net gain vs doing nothing ")
                .append(number(v.netVsNothingPerDay())).append("/day (ROI ").append(number(v.roiVsNothing()))
                .append(")");
        if (v.netVsBaselinePerDay() != null) {
            html.append(" · net gain vs the rule ").append(number(v.netVsBaselinePerDay())).append("/day (ROI ")
                    .append(number(v.roiVsBaseline())).append(")");
        }
        html.append("</p>");
        if (v.precisionPerDay() != null) {
            html.append("<p>precision@").append(v.capacityPerDay()).append(" per day (the review capacity): ")
                    .append(number(v.precisionPerDay().mean())).append(" over ").append(v.precisionPerDay().days().size())
                    .append(" days</p>");
        }
        html.append("</div>");
    }

    private void valueRow(String name, double perDay, double net) {
        html.append("<tr><td class=\"name\">").append(escape(name)).append("</td><td>").append(number(perDay))
                .append("</td><td>").append(number(net)).append("</td></tr>");
    }

    /** Value (total over the slice) against the threshold; y spans the curve's range and the drawn levels. */
    private void valueChart(ValueReport v) {
        List<ValuePoint> points = v.curve();
        if (points.isEmpty()) {
            return;
        }
        double nothing = v.nothingPerDay() * v.spanDays();
        Double rule = v.baselinePerDay() == null ? null : v.baselinePerDay() * v.spanDays();
        double low = nothing;
        double high = nothing;
        for (ValuePoint point : points) {
            low = Math.min(low, point.value());
            high = Math.max(high, point.value());
        }
        if (rule != null) {
            low = Math.min(low, rule);
            high = Math.max(high, rule);
        }
        if (high - low < 1e-9) {
            high = low + 1;
        }
        double bottom = low;
        double range = high - low;
        java.util.function.DoubleUnaryOperator level = value -> (value - bottom) / range;
        int width = VALUE_LEFT + 20 + PLOT * 2;
        int height = TOP + PLOT + 40;
        double plotWidth = PLOT * 2;
        html.append("<svg class=\"chart value\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"value over thresholds\">");
        for (int tick = 0; tick <= 4; tick++) {
            double at = tick / 4.0;
            html.append("<line x1=\"").append(VALUE_LEFT).append("\" y1=\"").append(fixed(y(at))).append("\" x2=\"")
                    .append(fixed(VALUE_LEFT + plotWidth)).append("\" y2=\"").append(fixed(y(at)))
                    .append("\" stroke=\"#e6e9ef\"/><text x=\"").append(VALUE_LEFT - 4).append("\" y=\"")
                    .append(fixed(y(at) + 4)).append("\" font-size=\"10\" text-anchor=\"end\">")
                    .append(money(bottom + at * range)).append("</text><text x=\"").append(fixed(VALUE_LEFT + at * plotWidth))
                    .append("\" y=\"").append(TOP + PLOT + 14).append("\" font-size=\"10\" text-anchor=\"middle\">")
                    .append(number(at)).append("</text>");
        }
        html.append("<rect x=\"").append(VALUE_LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(fixed(plotWidth))
                .append("\" height=\"").append(PLOT).append("\" fill=\"none\" stroke=\"#444\"/>");
        levelLine("nothing", "#999", y(level.applyAsDouble(nothing)), plotWidth, "doing nothing");
        if (rule != null) {
            levelLine("baseline", BASELINE_COLOUR, y(level.applyAsDouble(rule)), plotWidth, "rule " + v.baselineRule());
        }
        html.append("<polyline class=\"curve value\" fill=\"none\" stroke=\"").append(WINNER_COLOUR)
                .append("\" stroke-width=\"2.5\" points=\"");
        for (ValuePoint point : points) {
            html.append(fixed(VALUE_LEFT + Math.min(point.threshold(), 1) * plotWidth)).append(',')
                    .append(fixed(y(level.applyAsDouble(point.value())))).append(' ');
        }
        html.append("\"><title>value of the winner's decisions</title></polyline>");
        if (v.threshold() <= 1) {
            double x = VALUE_LEFT + v.threshold() * plotWidth;
            html.append("<line class=\"chosen\" x1=\"").append(fixed(x)).append("\" y1=\"").append(TOP)
                    .append("\" x2=\"").append(fixed(x)).append("\" y2=\"").append(TOP + PLOT)
                    .append("\" stroke=\"#b2182b\" stroke-width=\"1.5\"><title>registered threshold ")
                    .append(number(v.threshold())).append("</title></line>");
        }
        html.append("<text x=\"").append(fixed(VALUE_LEFT + plotWidth / 2)).append("\" y=\"").append(height - 6)
                .append("\" font-size=\"11\" text-anchor=\"middle\">threshold (flag score ≥ t)</text>")
                .append("<text x=\"12\" y=\"").append(fixed(y(0.5))).append("\" font-size=\"11\" text-anchor=\"middle\"")
                .append(" transform=\"rotate(-90 12 ").append(fixed(y(0.5))).append(")\">value over the slice</text></svg>");
        html.append("<p><span class=\"legend-swatch\" style=\"background:").append(WINNER_COLOUR)
                .append("\"></span>winner · <span class=\"legend-swatch\" style=\"background:#b2182b\"></span>")
                .append("registered threshold · <span class=\"legend-swatch\" style=\"background:#999\"></span>doing nothing")
                .append(rule == null ? "" : " · <span class=\"legend-swatch\" style=\"background:" + BASELINE_COLOUR
                        + "\"></span>rule").append("</p>");
    }

    private void levelLine(String kind, String colour, double at, double plotWidth, String title) {
        html.append("<line class=\"level ").append(kind).append("\" x1=\"").append(VALUE_LEFT).append("\" y1=\"")
                .append(fixed(at)).append("\" x2=\"").append(fixed(VALUE_LEFT + plotWidth)).append("\" y2=\"")
                .append(fixed(at)).append("\" stroke=\"").append(colour)
                .append("\" stroke-dasharray=\"4 4\"><title>").append(escape(title)).append("</title></line>");
    }

    /** Whole money units for an axis: {@code -23119}. */
    private static String money(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    /** Lower is better for the losses and errors, higher for the rest. */
    private static boolean better(String metric, double a, double b) {
        boolean lowerIsBetter = metric.equals("log_loss") || metric.equals("brier_score") || metric.equals("rmse")
                || metric.equals("mae");
        return lowerIsBetter ? a < b : a > b;
    }

    private void champion(RunReport r) {
        html.append("<h2>Current champion</h2><div id=\"champion\" class=\"section\"><p>")
                .append(escape(r.championNote())).append("</p>");
        if (r.champion() != null) {
            String metric = r.selectionMetric();
            html.append("<p>").append(escape(metric)).append(": champion v").append(escape(r.champion().version()))
                    .append(' ').append(number(r.champion().metrics().get(metric))).append(" · new v")
                    .append(escape(r.version())).append(' ').append(number(r.winner().metrics().get(metric)))
                    .append("</p>");
        }
        html.append("</div>");
    }

    /** Metric columns in the winner's order (candidate reports keep no order), then any others. */
    private void candidates(List<CandidateReport> candidates, Set<String> winnerKeys) {
        Set<String> keys = new LinkedHashSet<>(winnerKeys);
        candidates.forEach(candidate -> keys.addAll(candidate.metrics().keySet()));
        html.append("<h2>Candidates</h2><div class=\"scroll\"><table id=\"candidates\"><tr><th class=\"name\">candidate</th>")
                .append("<th class=\"name\">type</th><th class=\"name\">status</th>");
        keys.forEach(key -> html.append("<th>").append(escape(key)).append("</th>"));
        html.append("<th>training ms</th><th class=\"name\">message</th></tr>");
        for (CandidateReport candidate : candidates) {
            html.append("<tr><td class=\"name\">").append(escape(candidate.name())).append("</td><td class=\"name\">")
                    .append(escape(candidate.type())).append("</td><td class=\"name\">").append(escape(candidate.status()))
                    .append("</td>");
            keys.forEach(key -> html.append("<td>").append(number(candidate.metrics().get(key))).append("</td>"));
            html.append("<td>").append(candidate.trainingMillis()).append("</td><td class=\"name\">")
                    .append(escape(candidate.message())).append("</td></tr>");
        }
        html.append("</table></div>");
    }

    private void dataset(DatasetSummary d) {
        html.append("<h2>Dataset</h2>");
        if (d == null) {
            return;
        }
        html.append("<table id=\"dataset\"><tr><th class=\"name\">slice</th><th>rows</th><th>positives</th>")
                .append("<th class=\"name\">from</th><th class=\"name\">to</th></tr>");
        datasetRow("training", d.trainRows(), d.trainPositives(), d.trainFrom(), d.trainTo());
        datasetRow("held out", d.testRows(), d.testPositives(), d.testFrom(), d.testTo());
        html.append("</table><p class=\"note\">read ").append(d.read()).append(" · duplicates ").append(d.duplicates())
                .append(" · unusable ").append(d.unusable()).append(" · older than the window ")
                .append(d.outsideWindow()).append(" · used ").append(d.used()).append("</p>");
        cleaning(d.cleaning());
    }

    private void cleaning(DatasetCleaning cleaning) {
        html.append("<h3>Cleaning</h3>");
        if (cleaning == null) {
            html.append("<p class=\"note\">none declared (model.training.cleaning): examples missing a feature were"
                    + " left out, values used as they came</p>");
            return;
        }
        html.append("<p class=\"note\">fitted on the training slice, applied to both: ")
                .append(cleaning.trainRowsDropped()).append(" training and ").append(cleaning.testRowsDropped())
                .append(" held-out rows dropped · ").append(cleaning.imputedValues()).append(" values imputed · ")
                .append(cleaning.clippedValues()).append(" values clipped · model features: ")
                .append(escape(String.join(", ", cleaning.plan().kept()))).append("</p>");
        html.append("<table id=\"cleaning\"><tr><th class=\"name\">step</th><th class=\"name\">column</th>")
                .append("<th>value</th><th>low</th><th>high</th><th class=\"name\">why</th></tr>");
        for (CleaningSteps.Step step : cleaning.plan().steps()) {
            html.append("<tr><td class=\"name\">").append(escape(step.action())).append("</td><td class=\"name\">")
                    .append(escape(step.column())).append("</td><td>").append(number(step.value())).append("</td><td>")
                    .append(number(step.low())).append("</td><td>").append(number(step.high()))
                    .append("</td><td class=\"name\">").append(escape(step.reason())).append("</td></tr>");
        }
        if (cleaning.plan().steps().isEmpty()) {
            html.append("<tr><td class=\"name\" colspan=\"6\">no step: the training slice needed none</td></tr>");
        }
        html.append("</table>");
    }

    private void datasetRow(String slice, int rows, int positives, Object from, Object to) {
        html.append("<tr><td class=\"name\">").append(slice).append("</td><td>").append(rows).append("</td><td>")
                .append(positives).append("</td><td class=\"name\">").append(escape(String.valueOf(from)))
                .append("</td><td class=\"name\">").append(escape(String.valueOf(to))).append("</td></tr>");
    }
}

package dev.flywheel.training.eda;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Renders a {@link DatasetProfile} as one self-contained HTML page: inline CSS, inline SVG charts drawn here
 * (histograms, box plots, correlation heatmaps with a colour legend, the label's balance), tables; no
 * JavaScript, no external resource, so the file can be mailed, archived next to a run, or opened offline.
 */
public final class ProfileReport {

    private static final int HIST_WIDTH = 320;
    private static final int HIST_HEIGHT = 120;
    private static final int BOX_WIDTH = 320;
    private static final int BOX_HEIGHT = 46;
    private static final int CELL = 34;

    /** The page style, shared with the training run report. */
    public static final String CSS = """
            body{font:14px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:24px;color:#1d2433;background:#fff}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #dde2ea;padding-bottom:4px}
            h3{font-size:15px;margin:0 0 6px}.meta{color:#5b6577;margin:0 0 12px}
            table{border-collapse:collapse;margin:8px 0;font-size:12.5px}.scroll{overflow-x:auto}th,td{padding:3px 6px;border-bottom:1px solid #e6e9ef;text-align:right;white-space:nowrap}
            th{background:#f3f5f8;font-weight:600}td.name,th.name{text-align:left}
            .flag{color:#b42318;font-weight:600}.ok{color:#1a7f37}.note{color:#5b6577;margin:2px 0}
            .cards{display:flex;flex-wrap:wrap;gap:16px}.card{border:1px solid #dde2ea;border-radius:6px;padding:10px 12px;width:340px}
            .card p{margin:4px 0;font-size:12px;color:#3d4657}svg text{font-family:system-ui,sans-serif}
            """;

    private final StringBuilder html = new StringBuilder(64 * 1024);

    private ProfileReport() {
    }

    public static String render(DatasetProfile profile) {
        return new ProfileReport().page(profile);
    }

    private String page(DatasetProfile profile) {
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Profile: ")
                .append(escape(profile.source())).append("</title><style>").append(CSS).append("</style></head><body>");
        html.append("<h1>Data profile</h1><p class=\"meta\">").append(escape(profile.source())).append(" · ")
                .append(profile.rows()).append(" rows · ").append(profile.columns().size()).append(" columns · computed ")
                .append(escape(String.valueOf(profile.computedAt()))).append("</p>");
        for (String note : profile.notes()) {
            html.append("<p class=\"note\">").append(escape(note)).append("</p>");
        }
        overview(profile);
        if (profile.label() != null) {
            label(profile.label());
        }
        distributions(profile);
        correlations(profile);
        texts(profile);
        html.append("</body></html>");
        return html.toString();
    }

    private void overview(DatasetProfile profile) {
        html.append("<h2>Columns</h2><div class=\"scroll\"><table id=\"columns\"><tr><th class=\"name\">column</th><th>kind</th><th>count</th>"
                + "<th>NULLs</th><th>distinct</th><th>mean</th><th>std</th><th>min</th><th>q1</th><th>median</th>"
                + "<th>q3</th><th>max</th><th>skew</th><th>kurtosis</th><th>outliers</th><th>normality (JB p)</th></tr>");
        for (ColumnProfile c : profile.columns()) {
            html.append("<tr><td class=\"name\">").append(escape(c.name())).append("</td><td>").append(c.kind())
                    .append("</td><td>").append(c.count()).append("</td><td").append(c.nulls() > 0 ? " class=\"flag\"" : "")
                    .append('>').append(c.nulls()).append(" (").append(percent(c.nullShare())).append(")</td><td>")
                    .append(c.distinctExact() ? "" : "≈").append(c.distinct()).append("</td>");
            for (Double value : new Double[] {c.mean(), c.std(), c.min(), c.q1(), c.median(), c.q3(), c.max(),
                    c.skewness(), c.kurtosis()}) {
                html.append("<td>").append(number(value)).append("</td>");
            }
            html.append("<td>").append(c.boxPlot() == null ? "" : (c.boxPlot().exact() ? "" : "≈") + c.boxPlot().outliers())
                    .append("</td>");
            Normality n = c.normality();
            if (n == null || n.pValue() == null) {
                html.append("<td>").append(n == null ? "" : escape(n.note())).append("</td>");
            } else {
                html.append("<td class=\"").append(n.flagged() ? "flag" : n.normal() ? "ok" : "").append("\">")
                        .append(n.pValue() < 1e-16 ? "&lt; 1e-16" : number(n.pValue()))
                        .append(n.flagged() ? " not normal" : "").append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table></div>");
    }

    private void label(LabelProfile label) {
        html.append("<h2>Label: ").append(escape(label.column())).append("</h2>");
        long total = label.positives() + label.negatives();
        int width = 600;
        int positiveWidth = total == 0 ? 0 : (int) Math.round(width * (double) label.positives() / total);
        html.append("<svg class=\"chart balance\" width=\"").append(width + 2).append("\" height=\"40\" viewBox=\"0 0 ")
                .append(width + 2).append(" 40\" role=\"img\" aria-label=\"label balance\">")
                .append("<rect x=\"1\" y=\"1\" width=\"").append(width - positiveWidth)
                .append("\" height=\"22\" fill=\"#8fb3de\"/><rect x=\"").append(1 + width - positiveWidth)
                .append("\" y=\"1\" width=\"").append(positiveWidth).append("\" height=\"22\" fill=\"#d9534f\"/>")
                .append("<text x=\"4\" y=\"36\" font-size=\"11\">0: ").append(label.negatives())
                .append("</text><text x=\"").append(width - 2).append("\" y=\"36\" font-size=\"11\" text-anchor=\"end\">1: ")
                .append(label.positives()).append(" (").append(label.positiveShare() == null ? "–" : percent(label.positiveShare()))
                .append(")</text></svg>");
        if (label.other() > 0) {
            html.append("<p class=\"flag\">").append(label.other()).append(" label values other than 0 and 1</p>");
        }
        html.append("<table id=\"associations\"><tr><th class=\"name\">feature</th><th>point-biserial r</th>"
                + "<th>ROC AUC alone</th></tr>");
        for (LabelProfile.Association a : label.associations()) {
            html.append("<tr><td class=\"name\">").append(escape(a.feature())).append("</td><td>")
                    .append(number(a.pointBiserial())).append("</td><td>").append(number(a.rocAuc())).append("</td></tr>");
        }
        html.append("</table>");
        if (label.aucSampled()) {
            html.append("<p class=\"note\">ROC AUC on a uniform sample of ").append(label.aucRows()).append(" rows</p>");
        }
    }

    private void distributions(DatasetProfile profile) {
        html.append("<h2>Distributions</h2><div class=\"cards\">");
        for (ColumnProfile c : profile.columns()) {
            if (!c.numeric() || c.histogram() == null) {
                continue;
            }
            html.append("<div class=\"card\"><h3>").append(escape(c.name())).append("</h3>");
            histogram(c);
            boxPlot(c);
            BoxPlot box = c.boxPlot();
            html.append("<p>IQR fences ").append(number(box.lowerFence())).append(" … ").append(number(box.upperFence()))
                    .append(" · outliers ").append(box.exact() ? "" : "≈").append(box.lowOutliers()).append(" low, ")
                    .append(box.exact() ? "" : "≈").append(box.highOutliers()).append(" high</p>");
            if (!box.lowExamples().isEmpty() || !box.highExamples().isEmpty()) {
                html.append("<p>e.g. ").append(escape(join(box.lowExamples()))).append(box.lowExamples().isEmpty()
                        || box.highExamples().isEmpty() ? "" : " · ").append(escape(join(box.highExamples()))).append("</p>");
            }
            html.append("</div>");
        }
        html.append("</div>");
    }

    private void histogram(ColumnProfile c) {
        Histogram h = c.histogram();
        long peak = 1;
        for (long count : h.counts()) {
            peak = Math.max(peak, count);
        }
        int bins = h.counts().length;
        double barWidth = (double) (HIST_WIDTH - 20) / bins;
        int plotHeight = HIST_HEIGHT - 22;
        html.append("<svg class=\"chart histogram\" width=\"").append(HIST_WIDTH).append("\" height=\"").append(HIST_HEIGHT)
                .append("\" viewBox=\"0 0 ").append(HIST_WIDTH).append(' ').append(HIST_HEIGHT)
                .append("\" role=\"img\" aria-label=\"histogram of ").append(escape(c.name())).append("\">");
        for (int i = 0; i < bins; i++) {
            double barHeight = (double) plotHeight * h.counts()[i] / peak;
            html.append("<rect x=\"").append(fixed(10 + i * barWidth)).append("\" y=\"")
                    .append(fixed(4 + plotHeight - barHeight)).append("\" width=\"").append(fixed(Math.max(barWidth - 1, 1)))
                    .append("\" height=\"").append(fixed(barHeight)).append("\" fill=\"#4a7fc1\"><title>")
                    .append(number(h.edges()[i])).append(" – ").append(number(h.edges()[i + 1])).append(": ")
                    .append(h.counts()[i]).append("</title></rect>");
        }
        html.append("<line x1=\"10\" y1=\"").append(4 + plotHeight).append("\" x2=\"").append(HIST_WIDTH - 10)
                .append("\" y2=\"").append(4 + plotHeight).append("\" stroke=\"#444\"/>")
                .append("<text x=\"10\" y=\"").append(HIST_HEIGHT - 4).append("\" font-size=\"11\">")
                .append(number(h.edges()[0])).append("</text><text x=\"").append(HIST_WIDTH - 10).append("\" y=\"")
                .append(HIST_HEIGHT - 4).append("\" font-size=\"11\" text-anchor=\"end\">")
                .append(number(h.edges()[bins])).append("</text><text x=\"").append(HIST_WIDTH / 2).append("\" y=\"")
                .append(HIST_HEIGHT - 4).append("\" font-size=\"11\" text-anchor=\"middle\">peak ").append(peak)
                .append("</text></svg>");
    }

    private void boxPlot(ColumnProfile c) {
        BoxPlot b = c.boxPlot();
        double lo = c.min();
        double hi = c.max();
        double span = hi - lo == 0 ? 1 : hi - lo;
        int left = 10;
        int plot = BOX_WIDTH - 20;
        DoubleUnaryOperator x = v -> left + plot * (v - lo) / span;
        int mid = 18;
        html.append("<svg class=\"chart boxplot\" width=\"").append(BOX_WIDTH).append("\" height=\"").append(BOX_HEIGHT)
                .append("\" viewBox=\"0 0 ").append(BOX_WIDTH).append(' ').append(BOX_HEIGHT)
                .append("\" role=\"img\" aria-label=\"box plot of ").append(escape(c.name())).append("\">")
                .append(line(x.applyAsDouble(b.lowWhisker()), mid, x.applyAsDouble(b.q1()), mid))
                .append(line(x.applyAsDouble(b.q3()), mid, x.applyAsDouble(b.highWhisker()), mid))
                .append(line(x.applyAsDouble(b.lowWhisker()), mid - 7, x.applyAsDouble(b.lowWhisker()), mid + 7))
                .append(line(x.applyAsDouble(b.highWhisker()), mid - 7, x.applyAsDouble(b.highWhisker()), mid + 7))
                .append("<rect x=\"").append(fixed(x.applyAsDouble(b.q1()))).append("\" y=\"").append(mid - 11)
                .append("\" width=\"").append(fixed(Math.max(x.applyAsDouble(b.q3()) - x.applyAsDouble(b.q1()), 1)))
                .append("\" height=\"22\" fill=\"#cfe0f3\" stroke=\"#2f5d95\"/>")
                .append(line(x.applyAsDouble(b.median()), mid - 11, x.applyAsDouble(b.median()), mid + 11));
        for (Double v : b.lowExamples()) {
            outlier(x.applyAsDouble(v), mid);
        }
        for (Double v : b.highExamples()) {
            outlier(x.applyAsDouble(v), mid);
        }
        html.append("<text x=\"10\" y=\"").append(BOX_HEIGHT - 3).append("\" font-size=\"10\">q1 ").append(number(b.q1()))
                .append(" · median ").append(number(b.median())).append(" · q3 ").append(number(b.q3()))
                .append("</text></svg>");
    }

    private void outlier(double x, int y) {
        html.append("<circle cx=\"").append(fixed(x)).append("\" cy=\"").append(y)
                .append("\" r=\"3\" fill=\"none\" stroke=\"#d9534f\"/>");
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return "<line x1=\"" + fixed(x1) + "\" y1=\"" + fixed(y1) + "\" x2=\"" + fixed(x2) + "\" y2=\"" + fixed(y2)
                + "\" stroke=\"#2f5d95\" stroke-width=\"1.5\"/>";
    }

    private void correlations(DatasetProfile profile) {
        html.append("<h2>Correlations</h2>");
        heatmap(profile.pearson(), "Pearson");
        heatmap(profile.spearman(), "Spearman");
        html.append("<h3>Collinear pairs (|r| ≥ ").append(number(profile.collinearThreshold())).append(")</h3>");
        if (profile.collinearPairs().isEmpty()) {
            html.append("<p class=\"ok\">none</p>");
        } else {
            html.append("<table id=\"collinear\"><tr><th class=\"name\">feature</th><th class=\"name\">feature</th>"
                    + "<th>Pearson</th><th>Spearman</th></tr>");
            for (CollinearPair pair : profile.collinearPairs()) {
                html.append("<tr class=\"flag\"><td class=\"name\">").append(escape(pair.first()))
                        .append("</td><td class=\"name\">").append(escape(pair.second())).append("</td><td>")
                        .append(number(pair.pearson())).append("</td><td>").append(number(pair.spearman()))
                        .append("</td></tr>");
            }
            html.append("</table><p class=\"note\">A model needs one of each pair; drop the other or combine them.</p>");
        }
    }

    private void heatmap(Correlations correlations, String title) {
        List<String> names = correlations.columns();
        int d = names.size();
        int longest = names.stream().mapToInt(String::length).max().orElse(1);
        // Column names are written at -60 degrees above the cells: room for the longest, ~6.5 px a character.
        int labelWidth = Math.max(60, longest * 7 + 10);
        int top = (int) (longest * 6.5 * Math.sin(Math.toRadians(60))) + 16;
        int width = labelWidth + d * CELL + 90;
        int height = top + d * CELL + 10;
        html.append("<h3>").append(title).append(correlations.sampled() ? " (on a sample of " + correlations.rows()
                + " rows)" : "").append("</h3>");
        html.append("<svg class=\"chart heatmap\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" role=\"img\" aria-label=\"")
                .append(title).append(" correlation heatmap\">");
        for (int i = 0; i < d; i++) {
            html.append("<text x=\"").append(labelWidth - 6).append("\" y=\"").append(top + i * CELL + CELL / 2 + 4)
                    .append("\" font-size=\"11\" text-anchor=\"end\">").append(escape(names.get(i))).append("</text>");
            int cx = labelWidth + i * CELL + CELL / 2 + 4;
            html.append("<text x=\"").append(cx).append("\" y=\"").append(top - 6)
                    .append("\" font-size=\"11\" transform=\"rotate(-60 ").append(cx).append(' ').append(top - 6)
                    .append(")\">").append(escape(names.get(i))).append("</text>");
            for (int j = 0; j < d; j++) {
                Double r = correlations.matrix()[i][j];
                int x = labelWidth + j * CELL;
                int y = top + i * CELL;
                html.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(CELL)
                        .append("\" height=\"").append(CELL).append("\" fill=\"").append(colour(r))
                        .append("\" stroke=\"#fff\"><title>").append(escape(names.get(i))).append(" × ")
                        .append(escape(names.get(j))).append(": ").append(number(r)).append("</title></rect>");
                if (d <= 16) {
                    html.append("<text x=\"").append(x + CELL / 2).append("\" y=\"").append(y + CELL / 2 + 4)
                            .append("\" font-size=\"10\" text-anchor=\"middle\" fill=\"")
                            .append(r != null && Math.abs(r) > 0.6 ? "#fff" : "#222").append("\">")
                            .append(r == null ? "–" : String.format(Locale.ROOT, "%.2f", r)).append("</text>");
                }
            }
        }
        // Legend: the colour scale from -1 to +1.
        int lx = labelWidth + d * CELL + 24;
        int legendHeight = Math.max(d * CELL, 100);
        for (int k = 0; k < 20; k++) {
            double r = 1 - 2.0 * (k + 0.5) / 20;
            html.append("<rect class=\"legend\" x=\"").append(lx).append("\" y=\"")
                    .append(fixed(top + legendHeight * k / 20.0)).append("\" width=\"14\" height=\"")
                    .append(fixed(legendHeight / 20.0 + 0.5)).append("\" fill=\"").append(colour(r)).append("\"/>");
        }
        html.append("<text x=\"").append(lx + 18).append("\" y=\"").append(top + 10).append("\" font-size=\"10\">+1</text>")
                .append("<text x=\"").append(lx + 18).append("\" y=\"").append(top + legendHeight / 2 + 4)
                .append("\" font-size=\"10\">0</text><text x=\"").append(lx + 18).append("\" y=\"")
                .append(top + legendHeight).append("\" font-size=\"10\">−1</text></svg>");
    }

    /** Diverging scale: blue for -1, white for 0, red for +1; grey where undefined. */
    private static String colour(Double r) {
        if (r == null) {
            return "#cccccc";
        }
        double t = Math.max(-1, Math.min(1, r));
        int[] end = t >= 0 ? new int[] {178, 24, 43} : new int[] {33, 102, 172};
        double a = Math.abs(t);
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(255 + (end[0] - 255) * a),
                (int) Math.round(255 + (end[1] - 255) * a), (int) Math.round(255 + (end[2] - 255) * a));
    }

    private void texts(DatasetProfile profile) {
        List<ColumnProfile> text = profile.columns().stream().filter(c -> !c.numeric()).toList();
        if (text.isEmpty()) {
            return;
        }
        html.append("<h2>Text columns</h2><div class=\"cards\">");
        for (ColumnProfile c : text) {
            html.append("<div class=\"card\"><h3>").append(escape(c.name())).append("</h3><table><tr>")
                    .append("<th class=\"name\">value</th><th>count</th></tr>");
            for (ColumnProfile.ValueCount v : c.topValues()) {
                html.append("<tr><td class=\"name\">").append(escape(v.value())).append("</td><td>").append(v.count())
                        .append("</td></tr>");
            }
            html.append("</table></div>");
        }
        html.append("</div>");
    }

    private static String join(List<Double> values) {
        return String.join(", ", values.stream().map(ProfileReport::number).toList());
    }

    /** A number for a table: 4 decimals at most, scientific when very large or small; "–" when undefined. */
    public static String number(Double value) {
        if (value == null || !Double.isFinite(value)) {
            return "–";
        }
        double a = Math.abs(value);
        if (a != 0 && (a >= 1e6 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", value);
        }
        String s = String.format(Locale.ROOT, "%.4f", value);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    /** An SVG coordinate. */
    public static String fixed(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Text for HTML content or an attribute value. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}

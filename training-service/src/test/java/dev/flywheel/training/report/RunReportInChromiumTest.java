package dev.flywheel.training.report;

import static dev.flywheel.training.HeadlessChromium.charts;
import static dev.flywheel.training.HeadlessChromium.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.BusinessSpec;
import dev.flywheel.contracts.spec.CostMatrix;
import dev.flywheel.contracts.spec.OutcomeValue;
import dev.flywheel.contracts.spec.RunningCosts;
import dev.flywheel.model.CleaningSteps;
import dev.flywheel.training.HeadlessChromium;
import dev.flywheel.training.dataset.DatasetCleaning;
import dev.flywheel.training.dataset.DatasetSummary;
import dev.flywheel.training.eda.CleaningPlan;
import dev.flywheel.training.model.HoldoutValuation;
import dev.flywheel.training.tuning.CandidateReport;

/**
 * The run report rendered by a real headless Chromium: ROC and precision-recall curves of the winner and the
 * champion, both confusion matrices, the candidates, the baseline state, the cleaning and the business value
 * (value curve with the registered threshold, value per day of each option) are in the DOM with content, and a
 * screenshot shows the curves' colours.
 */
class RunReportInChromiumTest {

    private static final int HOLDOUT = 2_000;
    private static final Pattern POINTS = Pattern.compile("class=\"curve (winner|champion)\"[^>]*points=\"([^\"]+)\"");
    private static final Pattern COUNT = Pattern.compile("<text class=\"count\"[^>]*>(\\d+)</text>");

    private static final CostMatrix FRAUD = new CostMatrix(Optional.of("amount"), new OutcomeValue(-40 / 6.0, 0),
            new OutcomeValue(-40 / 6.0, 0), new OutcomeValue(0, -1), OutcomeValue.NOTHING);
    private static final double[] AMOUNTS = new double[HOLDOUT];
    private static final long[] TIMES = new long[HOLDOUT];
    private static double[] WINNER_SCORES;
    private static double[] LABELS;

    @TempDir
    static Path dir;

    private static Path page;
    private static RunReport report;

    @BeforeAll
    static void givenAReportOfAWinnerAndAWeakerChampion() throws Exception {
        // 2,000 held-out examples, 10 % positive; the winner separates them better than the champion
        SplittableRandom random = new SplittableRandom(11);
        double[] labels = new double[HOLDOUT];
        double[] winner = new double[HOLDOUT];
        double[] champion = new double[HOLDOUT];
        double[] rule = new double[HOLDOUT];
        for (int i = 0; i < HOLDOUT; i++) {
            labels[i] = random.nextDouble() < 0.1 ? 1 : 0;
            winner[i] = sigmoid(random.nextGaussian() + 2.5 * labels[i] - 2);
            champion[i] = sigmoid(random.nextGaussian() + 1.0 * labels[i] - 2);
            AMOUNTS[i] = Math.round(5 + random.nextDouble() * 200) + 0.5;
            TIMES[i] = 1_790_000_000L + i * 216L;   // 2,000 rows over 5 days
            rule[i] = AMOUNTS[i] > 150 ? 1 : 0;
        }
        // A missed fraud loses its amount; every alarm costs a 10-minute review at 40/h; a caught fraud saves its amount
        HoldoutValuation valuation = new HoldoutValuation(new BusinessSpec(FRAUD, OptionalInt.of(100),
                new RunningCosts(0.05, 1), List.of()), labels, AMOUNTS, TIMES, 0.5, Optional.empty());
        ValueReport value = valuation.judge(winner, rule, "amount > 150", Duration.ofSeconds(30), 2)
                .withChampion("1", 0.5, valuation.valuePerDay(champion, 0.5));
        WINNER_SCORES = winner;
        LABELS = labels;
        ScoredModel scoredWinner = ScoredModel.of("winner", "2", "mlp", winner, labels, 0.5, 100);
        ScoredModel scoredChampion = ScoredModel.of("champion", "1", "logistic", champion, labels, 0.5, 100);
        CleaningPlan plan = new CleaningPlan(List.of("amount", "amount_copy", "hour"), List.of("amount", "hour"),
                List.of(new CleaningSteps.Step(CleaningSteps.DROP_COLUMN, "amount_copy", null, null, null,
                                "collinear with amount (r 0.999)"),
                        new CleaningSteps.Step(CleaningSteps.IMPUTE, "hour", 12.0, null, null, "40 NULLs take the median"),
                        new CleaningSteps.Step(CleaningSteps.CLIP, "amount", null, 0.0, 310.5, "9 values beyond the fences")));
        DatasetSummary dataset = new DatasetSummary(10_000, 3, 0, 0, 10_000, 8_000, 800, HOLDOUT, 200,
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-20T00:00:00Z"),
                Instant.parse("2026-11-20T00:01:00Z"), Instant.parse("2026-11-25T00:00:00Z"),
                new DatasetCleaning(plan, 0, 0, 50, 11));
        List<CandidateReport> candidates = List.of(
                new CandidateReport("mlp", "mlp", CandidateReport.TRAINED, "", scoredWinner.metrics(), 5_300),
                new CandidateReport("logistic", "logistic_regression", CandidateReport.TRAINED, "",
                        scoredChampion.metrics(), 800),
                new CandidateReport("boosted", "xgboost", CandidateReport.SKIPPED, "xgboost is not supported yet",
                        Map.of(), 0));
        report = new RunReport("card-fraud", "run-7", "drift", "2", "mlp", Instant.parse("2026-11-27T20:00:00Z"),
                "average_precision", "", 0.5, 100, dataset, candidates, scoredWinner, scoredChampion,
                "champion 1 judged on the same 2000 held-out examples", null, true, "better average_precision than 1", value);
        page = dir.resolve("report.html");
        Files.writeString(page, RunReportPage.render(report));
    }

    @Test
    void theRenderedDomHoldsBothCurvesOfEachModelTheMatricesAndTheTables() throws Exception {
        // When Chromium loads the page and dumps the DOM
        String dom = new HeadlessChromium(dir).dumpDom(page);

        // Then the ROC and precision-recall charts each draw the winner and the champion with many points,
        // a ROC curve running from (0, 0) to (1, 1)
        for (String kind : List.of("roc", "pr")) {
            List<String> charts = charts(dom, kind);
            assertThat(charts).as(kind + " chart").hasSize(1);
            Matcher lines = POINTS.matcher(charts.get(0));
            int curves = 0;
            while (lines.find()) {
                curves++;
                String[] points = lines.group(2).trim().split(" ");
                assertThat(points.length).as("points of the %s %s curve", lines.group(1), kind).isGreaterThan(50);
                if (kind.equals("roc")) {
                    assertThat(points[0]).isEqualTo("46.0,264.0");
                    assertThat(points[points.length - 1]).isEqualTo("296.0,14.0");
                }
            }
            assertThat(curves).as("curves in the %s chart", kind).isEqualTo(2);
        }

        // And each confusion matrix has four cells whose counts add up to the held-out slice
        List<String> matrices = charts(dom, "confusion");
        assertThat(matrices).hasSize(2).allSatisfy(svg -> {
            assertThat(count(svg, "<rect class=\"cell\"")).isEqualTo(4);
            Matcher counts = COUNT.matcher(svg);
            long total = 0;
            while (counts.find()) {
                total += Long.parseLong(counts.group(1));
            }
            assertThat(total).isEqualTo(HOLDOUT);
        });
        assertThat(matrices.get(0)).contains(">" + report.winner().confusion().truePositives() + "</text>");

        // And the tables: metrics of both models, three candidates, the cleaning steps, the baseline state
        assertThat(dom).contains("<table id=\"metrics\"").contains("winner: v2 mlp").contains("champion: v1 logistic");
        assertThat(count(table(dom, "candidates"), "<tr>")).isEqualTo(1 + 3);
        assertThat(count(table(dom, "cleaning"), "<tr>")).isEqualTo(1 + 3);
        assertThat(table(dom, "cleaning")).contains("amount_copy").contains("310.5");
        assertThat(dom).contains("No baseline declared");
        assertThat(dom).contains("Promoted: better average_precision than 1");
    }

    @Test
    void theValueChartMarksTheThresholdThatABruteForceSearchFindsBest() throws Exception {
        // Given the value of every cut computed directly: sum over rows of the outcome's value at score >= t
        double bestValue = Double.NEGATIVE_INFINITY;
        double bestThreshold = Double.NaN;
        for (double t : WINNER_SCORES) {
            double total = 0;
            for (int i = 0; i < HOLDOUT; i++) {
                total += FRAUD.value(WINNER_SCORES[i] >= t, LABELS[i] == 1, AMOUNTS[i]);
            }
            if (total > bestValue || (total == bestValue && t > bestThreshold)) {
                bestValue = total;
                bestThreshold = t;
            }
        }

        // When Chromium loads the page
        String dom = new HeadlessChromium(dir).dumpDom(page);

        // Then the registered threshold is that cut (not 0.5), and its value per day is the total over 5 days
        ValueReport value = report.value();
        double spanDays = (TIMES[HOLDOUT - 1] - TIMES[0]) / 86_400.0;
        assertThat(value.threshold()).isEqualTo(bestThreshold).isNotEqualTo(0.5);
        assertThat(value.valuePerDay()).isCloseTo(bestValue / spanDays, within(1e-6));
        assertThat(value.valuePerDay()).isGreaterThan(value.nothingPerDay()).isGreaterThan(value.baselinePerDay());
        assertThat(value.netVsNothingPerDay()).isCloseTo(value.valuePerDay() - value.nothingPerDay()
                - value.runningCostPerDay(), within(1e-9));

        // And the value chart draws the curve with ~100 points, the registered threshold, doing nothing and the rule
        List<String> charts = charts(dom, "value");
        assertThat(charts).hasSize(1);
        Matcher line = Pattern.compile("class=\"curve value\"[^>]*points=\"([^\"]+)\"").matcher(charts.get(0));
        assertThat(line.find()).isTrue();
        assertThat(line.group(1).trim().split(" ")).hasSizeGreaterThan(100);
        assertThat(charts.get(0)).contains("class=\"chosen\"").contains("class=\"level nothing\"")
                .contains("class=\"level baseline\"");

        // And the table holds the winner, the champion, the rule and doing nothing; the ROI line is there
        assertThat(count(table(dom, "value-table"), "<tr>")).isEqualTo(1 + 4);
        assertThat(table(dom, "value-table")).contains("champion v1 at 0.5").contains("rule amount &gt; 150");
        assertThat(dom).contains("id=\"roi\"").contains("precision@100 per day");
    }

    @Test
    void aScreenshotShowsTheWinnersBlueAndTheChampionsOrange() throws Exception {
        // When Chromium takes a screenshot of the report
        Path png = dir.resolve("report.png");
        BufferedImage image = new HeadlessChromium(dir).screenshot(page, png, 1200, 1800);

        // Then the curves are drawn in their colours, and the matrices are shaded
        long blue = 0;
        long orange = 0;
        long nonWhite = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                nonWhite += r < 245 || g < 245 || b < 245 ? 1 : 0;
                blue += b > 120 && r < 80 && g < 120 ? 1 : 0;
                orange += r > 200 && g > 110 && g < 160 && b < 70 ? 1 : 0;
            }
        }
        assertThat(blue).as("winner-curve and matrix blue pixels").isGreaterThan(1_000);
        assertThat(orange).as("champion-curve orange pixels").isGreaterThan(200);
        assertThat((double) nonWhite / ((long) image.getWidth() * image.getHeight())).isGreaterThan(0.04);
        Path kept = Path.of("target", "run-report.png");
        Files.createDirectories(kept.getParent());
        Files.copy(png, kept, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(page, kept.resolveSibling("run-report.html"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theJsonHoldsTheSameCurvesAndCounts() throws Exception {
        String json = Json.mapper().writeValueAsString(report);
        RunReport read = Json.mapper().readValue(json, RunReport.class);

        assertThat(read.winner().roc()).isEqualTo(report.winner().roc());
        assertThat(read.champion().confusion()).isEqualTo(report.champion().confusion());
        assertThat(read.dataset().cleaning().plan()).isEqualTo(report.dataset().cleaning().plan());
        assertThat(read.value()).isEqualTo(report.value());
    }

    private static String table(String dom, String id) {
        int start = dom.indexOf("<table id=\"" + id + "\"");
        assertThat(start).as("table " + id).isNotNegative();
        return dom.substring(start, dom.indexOf("</table>", start));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}

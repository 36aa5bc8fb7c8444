package dev.flywheel.training.eda;

import static dev.flywheel.training.HeadlessChromium.charts;
import static dev.flywheel.training.HeadlessChromium.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flywheel.training.HeadlessChromium;

/**
 * The HTML report rendered by a real headless Chromium ({@link HeadlessChromium}): the DOM after rendering
 * holds every chart with content, and a screenshot is a picture, not a blank page.
 */
class ReportInChromiumTest {

    @TempDir
    static Path dir;

    private static Path report;
    private static DatasetProfile profile;

    @BeforeAll
    static void writeTheReport() throws IOException {
        // Given the report of the test-vector CSV written to a file
        try (InputStream in = ReportInChromiumTest.class.getResourceAsStream("/eda/profile.csv")) {
            profile = CsvProfiler.profile(new InputStreamReader(in, StandardCharsets.UTF_8), "label",
                    ProfileOptions.defaults(), "profile.csv");
        }
        report = dir.resolve("profile.html");
        Files.writeString(report, ProfileReport.render(profile));
    }

    @Test
    void theRenderedDomHoldsEveryChartWithContent() throws Exception {
        // When Chromium loads it and dumps the DOM
        String dom = new HeadlessChromium(dir).dumpDom(report);

        // Then there is a histogram and a box plot per numeric column, two heatmaps with a legend, the balance
        long numeric = profile.columns().stream().filter(ColumnProfile::numeric).count();
        assertThat(charts(dom, "histogram")).hasSize((int) numeric).allSatisfy(svg ->
                assertThat(count(svg, "<rect")).isEqualTo(ProfileOptions.defaults().histogramBins()));
        assertThat(charts(dom, "boxplot")).hasSize((int) numeric).allSatisfy(svg -> {
            assertThat(count(svg, "<rect")).isEqualTo(1);
            assertThat(count(svg, "<line")).isEqualTo(5);
        });
        int d = profile.pearson().columns().size();
        assertThat(charts(dom, "heatmap")).hasSize(2).allSatisfy(svg -> {
            assertThat(count(svg, "<rect x=")).isEqualTo(d * d);
            assertThat(count(svg, "class=\"legend\"")).isEqualTo(20);
        });
        assertThat(charts(dom, "balance")).hasSize(1);
        assertThat(dom).contains("amount_eur").contains("<table id=\"collinear\"");
    }

    @Test
    void aScreenshotShowsTheChartsInColour() throws Exception {
        // When Chromium takes a screenshot of the report
        Path png = dir.resolve("profile.png");
        BufferedImage image = new HeadlessChromium(dir).screenshot(report, png, 1200, 2000);

        // Then the picture is not blank: many non-white pixels, some of them the bars' blue and the heatmap's red
        assertThat(image.getWidth()).isEqualTo(1200);
        long nonWhite = 0;
        long blue = 0;
        long red = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r < 245 || g < 245 || b < 245) {
                    nonWhite++;
                }
                if (b > 150 && r < 110 && g < 160) {
                    blue++;
                }
                if (r > 150 && g < 80 && b < 90) {
                    red++;
                }
            }
        }
        long pixels = (long) image.getWidth() * image.getHeight();
        assertThat((double) nonWhite / pixels).as("share of non-white pixels").isGreaterThan(0.05);
        assertThat(blue).as("histogram-bar blue pixels").isGreaterThan(2_000);
        assertThat(red).as("strong positive correlation red pixels").isGreaterThan(500);
        Path kept = Path.of("target", "eda-report.png");
        Files.createDirectories(kept.getParent());
        Files.copy(png, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}

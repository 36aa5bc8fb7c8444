package dev.flywheel.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

/**
 * A real headless Chromium (Debian package {@code chromium}) for the HTML-report tests: the DOM after rendering,
 * a screenshot, and the charts in a DOM. Fails, never skips, when Chromium is missing: {@code ./flywheel test}
 * installs it.
 */
public final class HeadlessChromium {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Path workDir;

    /** Profiles, outputs and screenshots go under {@code workDir}. */
    public HeadlessChromium(Path workDir) {
        this.workDir = workDir;
    }

    /** The DOM of a page after Chromium has rendered it. */
    public String dumpDom(Path page) throws Exception {
        return run(List.of("--dump-dom", page.toUri().toString()), "dom");
    }

    /** A screenshot of a page in a window of the given size. */
    public BufferedImage screenshot(Path page, Path png, int width, int height) throws Exception {
        run(List.of("--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars",
                page.toUri().toString()), "screenshot");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG at " + png).isNotNull();
        return image;
    }

    /** Runs headless Chromium with a fresh profile and nothing that reaches the network; its stdout. */
    private String run(List<String> args, String what) throws Exception {
        List<String> command = new ArrayList<>(List.of(binary(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory(workDir,
                        "chromium-" + what)));
        command.addAll(args);
        Path out = Files.createTempFile(workDir, what, ".out");
        Path err = Files.createTempFile(workDir, what, ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("chromium did not finish the " + what + " within " + TIMEOUT + "; stderr: " + Files.readString(err));
        }
        assertThat(process.exitValue()).as("chromium exit code; stderr: " + Files.readString(err)).isZero();
        return Files.readString(out);
    }

    private static String binary() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        return fail("Chromium is not installed (Debian package 'chromium'): run ./flywheel test, which installs"
                + " the test packages, or apt-get install -y chromium");
    }

    /** Every {@code <svg class="chart KIND...">} element of a DOM, as text. */
    public static List<String> charts(String dom, String kind) {
        List<String> charts = new ArrayList<>();
        Matcher matcher = Pattern.compile("<svg class=\"chart " + kind + "[\" ].*?</svg>", Pattern.DOTALL).matcher(dom);
        while (matcher.find()) {
            charts.add(matcher.group());
        }
        return charts;
    }

    public static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}

package dev.flywheel.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Long work (an upload, a training run) shown on standard error while standard output stays for the result: on a
 * terminal one line redrawn in place, otherwise (a log, a pipe) a line when the percentage moved by ten or more.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean terminal;
    private double lastLogged = -10;
    private boolean drawn;

    ProgressBar(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    static ProgressBar onStandardError() {
        return new ProgressBar(System.err, System.console() != null);
    }

    /**
     * @param percent 0-100
     * @param detail  what is happening and how fast, e.g. "12,000 rows/s, 40 s left"
     */
    void show(double percent, String detail) {
        double clamped = Math.max(0, Math.min(100, percent));
        String text = String.format(Locale.ROOT, "%s %5.1f%% %s", bar(clamped), clamped, detail);
        if (terminal) {
            err.print("\r" + text + "\u001b[K");
            drawn = true;
        } else if (clamped - lastLogged >= 10 || clamped >= 100 && lastLogged < 100) {
            err.println(text);
            lastLogged = clamped;
        }
        err.flush();
    }

    /** Ends the redrawn line so later output starts on its own. */
    void done() {
        if (terminal && drawn) {
            err.println();
        }
    }

    static String bar(double percent) {
        int filled = (int) Math.round(percent / 100 * WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
    }

    /** Seconds as people read them: 42 s, 3 min 5 s, 1 h 2 min. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}

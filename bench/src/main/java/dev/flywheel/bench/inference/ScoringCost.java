package dev.flywheel.bench.inference;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import dev.flywheel.model.LoadedModel;
import dev.flywheel.model.ModelArtifacts;

/**
 * What micro-batching could save: the model's own time per row when rows are scored one call each (what a
 * single-row request costs) and when {@code 8} or {@code 64} rows are scored in one call (what concurrent
 * requests gathered into one batch would cost), in the same JVM, after a warm-up. Medians of many calls.
 */
record ScoringCost(Path versionDir) {

    String run() {
        try (LoadedModel model = ModelArtifacts.load(versionDir)) {
            int width = model.metadata().featureNames().size();
            Random random = new Random(3);
            double[][] rows = new double[64][width];
            for (double[] row : rows) {
                for (int j = 0; j < width; j++) {
                    row[j] = random.nextDouble() * 100;
                }
            }
            measure(model, rows, 1, 2_000);
            double single = measure(model, rows, 1, 5_000);
            double eight = measure(model, rows, 8, 2_000);
            double sixtyFour = measure(model, rows, 64, 500);
            return String.format(Locale.ROOT, "scoring single_us=%.1f batch8_us_per_row=%.1f batch64_us_per_row=%.1f",
                    single, eight, sixtyFour);
        }
    }

    /** Median microseconds per row over {@code calls} calls of {@code size} rows. */
    private static double measure(LoadedModel model, double[][] rows, int size, int calls) {
        double[][] batch = Arrays.copyOf(rows, size);
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long started = System.nanoTime();
            if (size == 1) {
                model.scorer().score(batch[0]);
            } else {
                model.scorer().scoreBatch(batch);
            }
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        return nanos[calls / 2] / 1_000.0 / size;
    }
}

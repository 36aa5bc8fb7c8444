package dev.flywheel.training.eda;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Profiling throughput and memory on generated data: {@code bench.rows} (default 10 M) rows of 30 columns
 * (normal, log-normal, uniform, integer counts, flags, a collinear pair, 1 % NULLs in some, a 2 % label).
 * Runs only with {@code -Dbench=true} ({@code bench/eda/run.sh}); prints rows/s and the peak heap, and
 * holds the profile to what the generator put in, so a fast but wrong profiler does not pass.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ProfileBenchmarkTest {

    private static final int FEATURES = 29;
    private static final int BATCH = 4096;

    @Test
    void profilesTenMillionRowsOfThirtyColumns() {
        long rows = Long.getLong("bench.rows", 10_000_000L);
        List<String> columns = new ArrayList<>();
        for (int c = 0; c < FEATURES; c++) {
            columns.add("f" + c);
        }
        columns.add("label");
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);

        // Given generated rows, profiled batch by batch (only the profiler's time is counted)
        DatasetProfiler profiler = DatasetProfiler.numeric(columns, "label", ProfileOptions.defaults());
        SplittableRandom random = new SplittableRandom(11);
        double[][] batch = new double[BATCH][columns.size()];
        long profilingNanos = 0;
        long done = 0;
        while (done < rows) {
            int n = (int) Math.min(BATCH, rows - done);
            for (int r = 0; r < n; r++) {
                generate(random, batch[r]);
            }
            long started = System.nanoTime();
            for (int r = 0; r < n; r++) {
                profiler.addRow(batch[r]);
            }
            profilingNanos += System.nanoTime() - started;
            done += n;
        }
        long finishStarted = System.nanoTime();
        DatasetProfile profile = profiler.finish("generated");
        long finishNanos = System.nanoTime() - finishStarted;
        long peakHeap = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();

        double seconds = (profilingNanos + finishNanos) / 1e9;
        System.out.printf(Locale.ROOT, "EDA profile: %,d rows x %d columns in %.1f s (stream %.1f s + finish %.1f s):"
                        + " %,.0f rows/s, %,.0f values/s; peak heap %,d MB of max %,d MB%n", rows, columns.size(),
                seconds, profilingNanos / 1e9, finishNanos / 1e9, rows / seconds, rows * columns.size() / seconds,
                peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);

        // Then the profile says what the generator made
        assertThat(profile.rows()).isEqualTo(rows);
        ColumnProfile normal = profile.columns().get(0);
        assertThat(normal.mean()).isBetween(-0.01, 0.01);
        assertThat(normal.std()).isBetween(0.99, 1.01);
        assertThat(normal.median()).isBetween(-0.03, 0.03);
        assertThat(profile.columns().get(1).nullShare()).isBetween(0.009, 0.011);
        assertThat(profile.collinearPairs()).extracting(CollinearPair::first).contains("f0");
        assertThat(profile.label().positiveShare()).isBetween(0.015, 0.025);
    }

    /** Column c: c%5 picks the kind; f1, f6, ... have 1 % NULLs; f28 is 0.9 f0 + noise; the label 2 %. */
    private static void generate(SplittableRandom random, double[] row) {
        double z = gaussian(random);
        for (int c = 0; c < FEATURES; c++) {
            double value = switch (c % 5) {
                case 0 -> c == 0 ? z : gaussian(random) * c;
                case 1 -> random.nextDouble() < 0.01 ? Double.NaN : Math.exp(gaussian(random));
                case 2 -> random.nextDouble() * 100;
                case 3 -> random.nextInt(50);
                default -> random.nextDouble() < 0.3 ? 1 : 0;
            };
            row[c] = value;
        }
        row[FEATURES - 1] = 0.9 * z + 0.1 * gaussian(random);
        row[FEATURES] = random.nextDouble() < 0.02 ? 1 : 0;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}

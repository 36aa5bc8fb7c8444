package dev.flywheel.bench.training;

import java.util.Map;

import dev.flywheel.model.CandidateTraining;
import dev.flywheel.model.LabelledMatrix;
import dev.flywheel.model.PyTorchRuntime;
import dev.flywheel.model.TrainingProgress;

/**
 * Times one family's fit through model-core's training path ({@code ModelFamilies.training(type, params).train})
 * on rows already in memory, and produces one {@code fit ...} result line. Loading the rows and the native
 * engines is not timed: a tiny warm-up fit on the first rows loads PyTorch and xgboost first.
 */
final class FitTiming {

    private static final int WARM_UP_ROWS = 2_000;
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private FitTiming() {
    }

    static String time(BenchFamily family, FeatureTable.Rows rows, int threads) {
        PyTorchRuntime.engine();
        Map<String, Object> params = family.defaultParams(threads);
        LabelledMatrix all = new LabelledMatrix(rows.features(), rows.labels());
        warmUp(family, all, params);

        CandidateTraining training = family.training(params);
        long cpuStarted = CPU.getProcessCpuTime();
        long started = System.nanoTime();
        training.train(all, TrainingProgress.NONE);
        double seconds = (System.nanoTime() - started) / 1e9;
        // The whole process's CPU time (every thread, native ones included): steadier than wall time on a
        // shared machine.
        double cpuSeconds = (CPU.getProcessCpuTime() - cpuStarted) / 1e9;
        return String.format(java.util.Locale.ROOT, "fit side=flywheel family=%s rows=%d features=%d threads=%d "
                        + "seconds=%.3f cpu_seconds=%.3f params=%s", family.keyword(), all.size(), all.width(), threads,
                seconds, cpuSeconds, training.asMap().toString().replace(" ", ""));
    }

    private static void warmUp(BenchFamily family, LabelledMatrix all, Map<String, Object> params) {
        int n = Math.min(WARM_UP_ROWS, all.size());
        double[][] rows = java.util.Arrays.copyOf(all.rows(), n);
        double[] labels = java.util.Arrays.copyOf(all.labels(), n);
        // A warm-up slice needs both classes; the first fraud of the data is moved into it if need be.
        if (new LabelledMatrix(rows, labels).positives() == 0) {
            for (int i = n; i < all.size(); i++) {
                if (all.labels()[i] == 1.0) {
                    rows[0] = all.rows()[i];
                    labels[0] = 1.0;
                    break;
                }
            }
        }
        family.training(params).train(new LabelledMatrix(rows, labels), TrainingProgress.NONE);
    }
}

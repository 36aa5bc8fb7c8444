package dev.flywheel.bench.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import dev.flywheel.bench.CommandOptions;
import dev.flywheel.contracts.spec.ConceptDetectorSpec;
import dev.flywheel.contracts.spec.DetectorType;
import dev.flywheel.contracts.spec.DriftPolicy;
import dev.flywheel.contracts.spec.DriftTest;
import dev.flywheel.model.ReferenceDistributions;
import dev.flywheel.monitor.data.FeatureComparison;
import dev.flywheel.monitor.concept.ErrorStreamDetector;

/**
 * The concept-drift detectors' benchmark (bench/monitor/run.sh): each detector, with the spec's defaults, on
 * seeded synthetic error streams with a known change (abrupt, gradual, incremental) — detection delay in labelled
 * outcomes after the change starts, misses, alarms before it — and on stationary streams (false alarms per
 * 100,000 outcomes); then its throughput in outcomes per second on one thread. Prints one markdown table row per
 * measurement and {@code key=value} result lines for the script.
 *
 * <p>usage: {@code MonitorBench detectors --runs R --stationary N --throughput N --seed S}
 */
public final class MonitorBench {

    private static final int LENGTH = 20_000;
    private static final long DRIFT_AT = 10_000;
    private static final long WIDTH = 2_000;

    private MonitorBench() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || !args[0].equals("detectors")) {
            throw new IllegalArgumentException("usage: MonitorBench detectors --runs R --stationary N --throughput N --seed S");
        }
        CommandOptions options = CommandOptions.parse(args);
        int runs = options.number("runs", 50);
        int stationary = options.number("stationary", 1_000_000);
        int throughput = options.number("throughput", 10_000_000);
        long seed = options.number("seed", 2026);
        List<DetectorType> detectors = List.of(DetectorType.ADWIN, DetectorType.DDM, DetectorType.PAGE_HINKLEY);

        System.out.println("| detector | stream | error rate | runs | median delay | p90 delay | missed | alarms before the change (per run) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (double[] rates : new double[][] {{0.1, 0.3}, {0.01, 0.05}}) {
            ErrorStreams streams = new ErrorStreams(rates[0], rates[1], DRIFT_AT, WIDTH);
            for (ErrorStreams.Shape shape : List.of(ErrorStreams.Shape.ABRUPT, ErrorStreams.Shape.GRADUAL,
                    ErrorStreams.Shape.INCREMENTAL)) {
                for (DetectorType type : detectors) {
                    delays(type, streams, shape, runs, seed);
                }
            }
        }
        System.out.println();
        System.out.println("| detector | stationary error rate | outcomes | false alarms | per 100,000 |");
        System.out.println("|---|---|---|---|---|");
        for (double rate : new double[] {0.1, 0.01}) {
            for (DetectorType type : detectors) {
                falseAlarms(type, rate, stationary, seed);
            }
        }
        System.out.println();
        System.out.println("| detector | outcomes | best of 3 | outcomes/s (one thread) |");
        System.out.println("|---|---|---|---|");
        for (DetectorType type : detectors) {
            throughput(type, throughput, seed);
        }
        System.out.println();
        dataDrift(seed);
    }

    /**
     * One data-drift comparison as the monitor runs it every {@code data.every} predictions: 15 numeric features,
     * a 5,000-prediction window against a 100,000-row reference (auto: Wasserstein through the KLL sketch, PSI),
     * and against a 1,000-row one (auto: KS test on the exact values). Best of 5.
     */
    private static void dataDrift(long seed) {
        Random random = new Random(seed + 3);
        int features = 15;
        int window = 5_000;
        System.out.println("| data drift: one comparison of 15 features, 5,000 live predictions | reference rows | test | best of 5 | per prediction at data.every = 1,000 |");
        System.out.println("|---|---|---|---|---|");
        for (int referenceRows : new int[] {100_000, 1_000}) {
            double[][] rows = new double[referenceRows][features];
            for (double[] row : rows) {
                for (int f = 0; f < features; f++) {
                    row[f] = Math.exp(random.nextGaussian()) * (f + 1);
                }
            }
            List<String> names = new ArrayList<>();
            for (int f = 0; f < features; f++) {
                names.add("f" + f);
            }
            ReferenceDistributions reference = ReferenceDistributions.of("bench", names, rows, null);
            double[][] live = new double[features][window];
            for (int f = 0; f < features; f++) {
                for (int i = 0; i < window; i++) {
                    live[f][i] = Math.exp(random.nextGaussian() + 0.1) * (f + 1);
                }
            }
            DriftPolicy auto = new DriftPolicy(DriftTest.AUTO, Double.NaN);
            long best = Long.MAX_VALUE;
            String test = "";
            for (int round = 0; round < 5; round++) {
                long started = System.nanoTime();
                for (int f = 0; f < features; f++) {
                    test = FeatureComparison.compare(reference.features().get(f), live[f], auto).test();
                }
                best = Math.min(best, System.nanoTime() - started);
            }
            System.out.printf(Locale.ROOT, "| | %,d | %s + psi | %.1f ms | %.1f µs |%n", referenceRows, test, best / 1e6,
                    best / 1e3 / 1_000);
            System.out.printf(Locale.ROOT, "result data_drift reference=%d test=%s comparison_ms=%.1f%n", referenceRows,
                    test, best / 1e6);
        }
    }

    private static ErrorStreamDetector detector(DetectorType type) {
        return ErrorStreamDetector.of(ConceptDetectorSpec.defaults(type)).orElseThrow();
    }

    private static void delays(DetectorType type, ErrorStreams streams, ErrorStreams.Shape shape, int runs, long seed) {
        Random random = new Random(seed);
        long start = streams.changeStart(shape);
        List<Long> delays = new ArrayList<>();
        int missed = 0;
        long early = 0;
        for (int run = 0; run < runs; run++) {
            double[] errors = ErrorStreams.draw(streams.rate(shape), LENGTH, random);
            ErrorStreamDetector detector = detector(type);
            long found = -1;
            for (int i = 0; i < errors.length && found < 0; i++) {
                long index = i;
                var alarm = detector.update(errors[i]);
                if (alarm.isPresent()) {
                    if (index < start) {
                        early++;
                    } else {
                        found = index - start;
                    }
                }
            }
            if (found < 0) {
                missed++;
            } else {
                delays.add(found);
            }
        }
        long[] sorted = delays.stream().mapToLong(Long::longValue).sorted().toArray();
        String median = sorted.length == 0 ? "—" : Long.toString(sorted[sorted.length / 2]);
        String p90 = sorted.length == 0 ? "—" : Long.toString(sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.9))]);
        System.out.printf(Locale.ROOT, "| %s | %s | %.2f → %.2f | %d | %s | %s | %d | %.2f |%n", type.keyword(),
                shape.name().toLowerCase(Locale.ROOT), streams.before(), streams.after(), runs, median, p90, missed,
                (double) early / runs);
        System.out.printf(Locale.ROOT, "result detector=%s shape=%s before=%.2f median_delay=%s p90_delay=%s missed=%d early=%d%n",
                type.keyword(), shape.name().toLowerCase(Locale.ROOT), streams.before(), median, p90, missed, early);
    }

    private static void falseAlarms(DetectorType type, double rate, int length, long seed) {
        Random random = new Random(seed + 1);
        ErrorStreamDetector detector = detector(type);
        long alarms = 0;
        for (int i = 0; i < length; i++) {
            if (detector.update(random.nextDouble() < rate ? 1 : 0).isPresent()) {
                alarms++;
            }
        }
        System.out.printf(Locale.ROOT, "| %s | %.2f | %,d | %d | %.2f |%n", type.keyword(), rate, length, alarms,
                alarms * 100_000.0 / length);
        System.out.printf(Locale.ROOT, "result detector=%s stationary=%.2f false_alarms=%d per_100k=%.2f%n",
                type.keyword(), rate, alarms, alarms * 100_000.0 / length);
    }

    private static void throughput(DetectorType type, int length, long seed) {
        double[] errors = ErrorStreams.draw(i -> i < length / 2 ? 0.1 : 0.2, length, new Random(seed + 2));
        long best = Long.MAX_VALUE;
        long alarms = 0;
        for (int round = 0; round < 3; round++) {
            ErrorStreamDetector detector = detector(type);
            long started = System.nanoTime();
            long fired = 0;
            for (double error : errors) {
                if (detector.update(error).isPresent()) {
                    fired++;
                }
            }
            best = Math.min(best, System.nanoTime() - started);
            alarms = fired;
        }
        double perSecond = length / (best / 1e9);
        System.out.printf(Locale.ROOT, "| %s | %,d | %.0f ms | %,.0f |%n", type.keyword(), length, best / 1e6, perSecond);
        System.out.printf(Locale.ROOT, "result detector=%s throughput_per_s=%.0f alarms=%d%n", type.keyword(), perSecond,
                alarms);
    }
}

package dev.flywheel.bench.training;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import dev.flywheel.bench.CommandOptions;
import dev.flywheel.contracts.spec.PipelineSpecs;

/**
 * The Java steps of {@code bench/training/run.sh}, one per subcommand; each prints {@code key=value} lines the
 * script reads:
 * <pre>
 * table   --pipeline FILE --dir D [--days 136] [--customers 5000] [--terminals 10000]
 *                          the Handbook dataset's payments with the pipeline's features, as a {@link FeatureTable}
 * fit     --dir D --family F [--rows 1000000] [--threads 1]
 *                          wall time of Flywheel fitting family F on the table's first rows
 * quality --dir D [--families a,b,c] [--threads 1] [--quick 0]
 *                          each family tuned and tested on the handbook's protocol (AUC ROC, AP, CP@100)
 * </pre>
 * {@code --threads} sets xgboost's {@code nthread} and PyTorch's intra-op threads.
 */
public final class TrainingBench {

    private TrainingBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("a subcommand is required: table, fit or quality");
        }
        CommandOptions options = CommandOptions.parse(args);
        int threads = options.number("threads", 1);
        // Read when the PyTorch engine loads, so before anything trains.
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        switch (args[0]) {
            case "table" -> System.out.println(HandbookTable.write(
                    PipelineSpecs.load(Path.of(options.required("pipeline"))), Path.of(options.required("dir")),
                    options.number("customers", 5000), options.number("terminals", 10_000),
                    options.number("days", 136)));
            case "fit" -> {
                FeatureTable table = FeatureTable.open(Path.of(options.required("dir")));
                System.out.println(FitTiming.time(BenchFamily.of(options.required("family")),
                        table.head(options.number("rows", 1_000_000)), threads));
            }
            case "quality" -> {
                FeatureTable table = FeatureTable.open(Path.of(options.required("dir")));
                List<BenchFamily> families = !hasFamilies(args)
                        ? List.of(BenchFamily.values())
                        : Arrays.stream(options.required("families").split(",")).map(BenchFamily::of).toList();
                new QualityRun(table, threads, options.number("quick", 0) == 1).run(families, line -> {
                    System.out.println(line);
                    System.out.flush();
                });
            }
            default -> throw new IllegalArgumentException("unknown subcommand " + args[0]
                    + "; expected table, fit or quality");
        }
    }

    private static boolean hasFamilies(String[] args) {
        return Arrays.asList(args).contains("--families");
    }
}

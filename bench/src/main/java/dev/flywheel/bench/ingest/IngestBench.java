package dev.flywheel.bench.ingest;

import java.nio.file.Path;
import java.time.Duration;

import dev.flywheel.bench.CommandOptions;

/**
 * The Java steps of {@code bench/ingest/run.sh}, one per subcommand; each prints one {@code key=value} line
 * the script reads:
 * <pre>
 * payloads --dir D [--batch-size 500] [--batches 8] [--lines 2000]   request bodies and payload files
 * topics   --bootstrap B --pipeline P --partitions N --ceiling-topic T   the service's topics + the ceiling's
 * preload  --bootstrap B --pipeline P --records N                     N valid raw events, before the service runs
 * drain    --bootstrap B --pipeline P --records N [--warmup W] [--window-s 60] [--timeout-s 600]
 *                                  first-to-last time of the service's drain: all N, or what it moved in the window;
 *                                  and its steady rate, leaving out the first W records (the JVM warming up)
 * </pre>
 */
public final class IngestBench {

    private static final long SEED = 20_260_401L;

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("a subcommand is required: payloads, topics, preload or drain");
        }
        CommandOptions options = CommandOptions.parse(args);
        switch (args[0]) {
            case "payloads" -> System.out.println(new PayloadFiles(Path.of(options.required("dir")),
                    options.number("batch-size", 500), options.number("batches", 8),
                    options.number("lines", 2000)).write(SEED));
            case "topics" -> {
                int partitions = new BenchTopics(options.required("bootstrap"), options.required("pipeline"),
                        options.number("partitions", 3), options.required("ceiling-topic")).create();
                System.out.println("topics partitions=" + partitions);
            }
            case "preload" -> {
                int records = options.number("records", 100_000);
                // A seed of its own: the raw backlog shares no id with the HTTP bodies.
                new RawPreload(options.required("bootstrap"), options.required("pipeline"), records).run(SEED + 1);
                System.out.println("preload records=" + records);
            }
            case "drain" -> System.out.println(new DrainTimer(options.required("bootstrap"),
                    options.required("pipeline"), options.number("records", 100_000), options.number("warmup", 0),
                    Duration.ofSeconds(options.number("window-s", 60)),
                    Duration.ofSeconds(options.number("timeout-s", 600))).await().line());
            default -> throw new IllegalArgumentException("unknown subcommand " + args[0]
                    + "; expected payloads, topics, preload or drain");
        }
    }
}
